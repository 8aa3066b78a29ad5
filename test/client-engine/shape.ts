import type { AppSnapshot } from "../../simulator";

const ADDON_VARIABLE = /^SCALINGO_[A-Z0-9_]+_URL$/;

/**
 * An app as a person compares two of them: everything the client engine copies, without ids,
 * timestamps, statuses or region-specific values (addon-injected variables, certificates).
 * What is a manual action (pending invitations, uploaded certificates, data of non-databases)
 * is left out on purpose: the comparison says "equal minus what is listed as manual".
 */
export function comparableShape(app: AppSnapshot, formation?: { name: string; amount: number; size: string }[]) {
  const notifierName = new Map(app.notifiers.map((n) => [n.id, n.name]));
  return {
    settings: { forceHttps: app.force_https, stickySession: app.sticky_session, routerLogs: app.router_logs, stack: app.stack, project: app.project?.name ?? null },
    domains: app.domains.map((d) => ({ name: d.name, canonical: d.canonical, letsencrypt: d.letsencrypt_enabled })).sort(byName),
    addons: app.addons.map((a) => ({ provider: a.provider_id, plan: a.plan, logDrains: a.log_drains.map((l) => l.url).sort() })).sort((a, b) => a.provider.localeCompare(b.provider)),
    env: Object.fromEntries(Object.entries(app.env).filter(([name]) => !ADDON_VARIABLE.test(name)).sort()),
    collaborators: app.collaborators.filter((c) => c.status === "accepted" || c.status === "pending").map((c) => ({ email: c.email, limited: c.is_limited })),
    notifiers: app.notifiers
      .filter((n) => !n.name.startsWith("Default '"))
      .map((n) => ({ name: n.name, type: n.type, active: n.active, all: [n.send_all_alerts, n.send_all_events], events: [...n.selected_events].sort() })),
    alerts: app.alerts
      .filter((a) => a.autoscaler_id === null)
      .map((a) => ({ on: `${a.container_type} ${a.metric} ${a.limit}`, notifiers: a.notifier_ids.map((id) => notifierName.get(id)) })),
    logDrains: app.log_drains.map((l) => l.url).sort(),
    autoscalers: app.autoscalers.map((a) => ({ type: a.container_type, metric: a.metric, target: a.target, min: a.min_containers, max: a.max_containers })),
    formation: (formation ?? app.formation).map((f) => ({ name: f.name, amount: f.amount, size: f.size })).sort(byName),
    scm: app.scm && { type: app.scm.type, repo: `${app.scm.owner}/${app.scm.repo}`, branch: app.scm.branch },
  };
}

/** The source minus what the client engine lists as manual: invitations still pending are not re-sent. */
export function withoutManual(shape: ReturnType<typeof comparableShape>, source: AppSnapshot): ReturnType<typeof comparableShape> {
  const pending = new Set(source.collaborators.filter((c) => c.status !== "accepted").map((c) => c.email));
  return { ...shape, collaborators: shape.collaborators.filter((c) => !pending.has(c.email)) };
}

/** How many of each kind of object an app has: a second run must not add one. */
export function counts(app: AppSnapshot): Record<string, number> {
  return {
    domains: app.domains.length,
    addons: app.addons.length,
    env: Object.keys(app.env).length,
    collaborators: app.collaborators.length,
    notifiers: app.notifiers.length,
    alerts: app.alerts.length,
    logDrains: app.log_drains.length + app.addons.reduce((n, a) => n + a.log_drains.length, 0),
    autoscalers: app.autoscalers.length,
    deployments: app.deployments.length,
  };
}

function byName(a: { name: string }, b: { name: string }): number {
  return a.name.localeCompare(b.name);
}
