import type { AppSnapshot } from "../../simulator";

/**
 * What a perfect client needs to move one app with the client engine's flow (create → finalize
 * in one `up`, data included), counted from the source app's shape in the simulator: per kind
 * of object, the reads it cannot skip (each source list once, the catalogues that map names
 * between regions, the checks the preflight owes the user), the writes that make the
 * destination, and one poll per asynchronous job (a perfect client knows when each job ends,
 * so it looks once). A perfect client never reads the destination it just made: it knows it.
 * Requests to pre-signed URLs (archives, the log service) are not on the account's budget and
 * are not counted. The model is documented in docs/performance.md ("The minimum model").
 *
 * What does not depend on the app (the session, the regions' catalogues) is `shared`, by name:
 * one process moving a fleet reads it once, so a fleet's minimum counts it once
 * (`fleetMinimumRequests`).
 */
export interface KindCount {
  kind: string;
  reads: number;
  writes: number;
  polls: number;
}

export interface MinimumRequests {
  /** What moving this app alone needs: its own requests and the shared reads. */
  total: number;
  /** The app's own requests, by kind. */
  kinds: KindCount[];
  /** The reads any app moved between the same regions would share (session, catalogues). */
  shared: string[];
}

/** The engines whose data the client engine moves (backup → restore); others are manual. */
const DATABASES = /postgres|mysql|mongo/;
/** A variable its addon injects (the destination's addon injects its own). */
const ADDON_VARIABLE = /^SCALINGO_[A-Z0-9_]+_URL$/;
/** What a new app's containers are until told otherwise. */
const DEFAULT_SIZE = "M";

export function clientMinimumRequests(app: AppSnapshot): MinimumRequests {
  const kinds: KindCount[] = [];
  const shared = new Set<string>();
  const add = (kind: string, reads: number, writes: number, polls = 0) => kinds.push({ kind, reads, writes, polls });
  const share = (...reads: string[]) => reads.forEach((read) => shared.add(read));
  const databases = app.addons.filter((a) => DATABASES.test(a.provider_id));
  const running = app.formation.some((f) => f.amount > 0);

  // Token exchange, then the regions list (the destination's access check and its API URL).
  share("token exchange", "regions");
  // The source app; both regions' stacks (mapped by name); the name check (dry run); the create;
  // the settings a create does not take, when they are not a new app's; a project other than
  // the default one, looked up (and created) on the destination.
  const settings = app.force_https || app.sticky_session || app.router_logs ? 1 : 0;
  const project = app.project.name === "default" ? 0 : 1;
  share("source stacks", "destination stacks");
  add("app", 2 + project, 1 + settings + project);
  share("destination container sizes");
  // The source formation once; the destination's sizes (checked by name); containers held at 0
  // before the first deployment; the destination started at finalize with sizes and amounts
  // (one scale, one operation); the source stopped (one scale, one operation).
  add("formation", 1, 1 + (running ? 2 : 0) + (app.formation.some((f) => f.size !== DEFAULT_SIZE) && !running ? 1 : 0), running ? 2 : 0);
  // The source's addons and the destination's providers (plans by name); one provisioning and
  // one look per addon; each database's version (a Database API token, then the database)
  // against the version a new one gets on the destination (its database types, then that
  // engine's default version).
  share("destination addon providers");
  if (databases.length) share("destination database types");
  for (const database of databases) share(`destination default version of ${database.provider_id}`);
  add("addons", 1 + databases.length * 2, app.addons.length, app.addons.length);
  // Per database: a backup and one look at it, its archive's URL, the restore one-off, the
  // log service's URL (its lines are read off the budget); MySQL's client needs the new
  // database's URL, read from the destination's variables.
  const mysql = databases.filter((a) => /mysql/.test(a.provider_id)).length;
  add("data", databases.length * 2 + mysql, databases.length * 2, databases.length);
  // The source's variables, at prepare and again at finalize (drift); one bulk write.
  const copied = Object.keys(app.env).filter((name) => !ADDON_VARIABLE.test(name));
  add("variables", 2, copied.length ? 1 : 0);
  // The SCM link; on the destination: the link, a manual deploy and one look at the build;
  // the source's freeze (auto-deploy or review apps off) when something is on.
  const scm = app.scm;
  add("scm", 1, scm ? 2 + (scm.auto_deploy_enabled ? 1 : 0) : 0, scm ? 1 : 0);
  add("collaborators", 1, app.collaborators.filter((c) => c.status === "accepted").length);
  // Domains at prepare and again at finalize (drift); one add each; the canonical one set.
  add("domains", 2, app.domains.length + (app.domains.some((d) => d.canonical) ? 1 : 0));
  // Notifiers other than the default one a new app gets; their platform and event types
  // mapped by name (both regions' lists).
  const notifiers = app.notifiers.filter((n) => !n.name.startsWith("Default '"));
  if (notifiers.length) share("source notification platforms", "destination notification platforms");
  if (notifiers.some((n) => n.selected_events.length)) share("source event types", "destination event types");
  add("notifiers", 1, notifiers.length);
  add("alerts", 1, app.alerts.filter((a) => a.autoscaler_id === null).length);
  // The app's drains, and each addon's (one list per addon).
  const addonDrains = app.addons.reduce((sum, a) => sum + a.log_drains.length, 0);
  add("logDrains", 1 + app.addons.length, app.log_drains.length + addonDrains);
  add("autoscalers", 1, app.autoscalers.length);
  const own = kinds.reduce((sum, k) => sum + k.reads + k.writes + k.polls, 0);
  return { total: own + shared.size, kinds, shared: [...shared].sort() };
}

/** A fleet moved by one process: every app's own requests, and each shared read once. */
export function fleetMinimumRequests(apps: readonly MinimumRequests[]): number {
  const own = apps.reduce((sum, app) => sum + app.total - app.shared.length, 0);
  return own + new Set(apps.flatMap((app) => app.shared)).size;
}
