import type { PublicApi, RegionApi } from "../../client/public";
import type { MigrationSpec } from "../../migration/spec";
import type { RunStep } from "../../migration/stages";
import { dataMoveOf, isAddonVariableName } from "./addon-kinds";

/** How the preview reads a source list: `key` names it as the run's sourceRead does (run.ts). */
export type SourceReader = <T>(key: string, read: () => Promise<T>) => Promise<T>;

const readNow: SourceReader = (_key, read) => read();

/**
 * What the next `up` will create or change, per kind and per side, from reads only: what
 * `preview` prints under the plan. The same keys as the reconciles (provider name, variable
 * name and value, domain name, e-mail, notifier name, alert metric, drain URL), so what it
 * counts is what they will send.
 */
export async function previewChanges(api: PublicApi, spec: MigrationSpec, steps: readonly RunStep[], destinationAppId: string | null, source: SourceReader = readNow): Promise<string[]> {
  const src = api.region(spec.sourceRegion);
  const dst = api.region(spec.destinationRegion);
  const dstName = spec.newName || spec.app;
  const lines: string[] = [];
  const onDestination: string[] = [];
  const onSource: string[] = [];
  // Before prepare, an app of that name is someone else's (the preflight refuses it): nothing of ours exists.
  const exists = !steps.includes("preflight") && (await dst.apps.find(destinationAppId ?? dstName)) !== undefined;
  const there = <T>(read: (region: RegionApi) => Promise<T[]>): Promise<T[]> => (exists ? read(dst) : Promise.resolve([]));
  if (steps.includes("prepare") && !exists) onDestination.push(`app ${dstName}: create`);
  if (steps.includes("prepare") || steps.includes("finalize")) {
    // Prepare copies them; finalize copies again what changed on the source since.
    const [variables, dstVariables] = await Promise.all([source("variables", () => src.variables.list(spec.app, { aliases: true })), there((r) => r.variables.list(dstName, { aliases: true }))]);
    const toSet = variables.filter((v) => !isAddonVariableName(v.name)).filter((v) => !dstVariables.some((d) => d.name === v.name && d.value.equals(v.value)));
    if (toSet.length) onDestination.push(`variables: set ${toSet.length} (${toSet.map((v) => v.name).join(", ")})`);
    const [domains, dstDomains] = await Promise.all([source("domains", () => src.domains.list(spec.app)), there((r) => r.domains.list(dstName))]);
    const newDomains = domains.filter((d) => !dstDomains.some((x) => x.name === d.name)).map((d) => d.name);
    if (newDomains.length) onDestination.push(`domains: add ${newDomains.join(", ")}`);
  }
  if (steps.includes("prepare")) {
    const [addons, dstAddons] = await Promise.all([source("addons", () => src.addons.list(spec.app)), there((r) => r.addons.list(dstName))]);
    const newAddons = addons.filter((a) => !dstAddons.some((d) => d.provider.name === a.provider.name)).map((a) => a.provider.name.toLowerCase());
    if (newAddons.length) onDestination.push(`addons: provision ${newAddons.join(", ")}`);
    const [people, dstPeople] = await Promise.all([source("collaborators", () => src.collaborators.list(spec.app)), there((r) => r.collaborators.list(dstName))]);
    const invites = people.filter((p) => p.status === "accepted" && !dstPeople.some((d) => d.email === p.email)).map((p) => p.email);
    if (invites.length) onDestination.push(`collaborators: invite ${invites.join(", ")}`);
    const [notifiers, dstNotifiers] = await Promise.all([source("notifiers", () => src.notifiers.list(spec.app)), there((r) => r.notifiers.list(dstName))]);
    const newNotifiers = notifiers.filter((n) => !n.name.startsWith("Default '") && !dstNotifiers.some((d) => d.name === n.name)).map((n) => n.name);
    if (newNotifiers.length) onDestination.push(`notifiers: create ${newNotifiers.join(", ")}`);
    const [alerts, dstAlerts] = await Promise.all([source("alerts", () => src.alerts.list(spec.app)), there((r) => r.alerts.list(dstName))]);
    const newAlerts = alerts.filter((a) => !a.autoscalerId && !dstAlerts.some((d) => d.containerType === a.containerType && d.metric === a.metric && d.limit === a.limit));
    if (newAlerts.length) onDestination.push(`alerts: create ${newAlerts.map((a) => `${a.containerType} ${a.metric}`).join(", ")}`);
    const [drains, dstDrains] = await Promise.all([source("logDrains", () => src.logDrains.list(spec.app)), there((r) => r.logDrains.list(dstName))]);
    const newDrains = drains.filter((d) => !dstDrains.some((x) => x.url.equals(d.url))).length;
    if (newDrains) onDestination.push(`app log drains: add ${newDrains}`);
    const link = await source("scm", () => src.scm.show(spec.app));
    const deployed = exists && (await dst.deployments.list(dstName, { perPage: 5 })).items.some((d) => d.status === "success");
    if (!deployed) onDestination.push(`code: ${link ? `deploy branch ${link.branch} through the SCM link` : spec.sourceArchive ? "deploy sourceArchive" : "none (git push: yours to do)"}`);
    if (link && (link.autoDeployEnabled || link.deployReviewAppsEnabled)) onSource.push("SCM auto-deploy and review apps: off (freeze, undone by abort)");
  }
  if (steps.includes("data") || (steps.includes("finalize") && !spec.migrateData)) {
    const running = (await source("formation", () => src.formation.containers(spec.app))).filter((c) => c.amount > 0);
    if (running.length) onSource.push(`formation: scale ${running.map((c) => `${c.name}×${c.amount}`).join(", ")} to 0 (recorded first)`);
  }
  if (steps.includes("data")) {
    const databases = (await source("addons", () => src.addons.list(spec.app))).filter((a) => dataMoveOf(a).kind === "database").map((a) => a.provider.name.toLowerCase());
    if (databases.length) {
      onSource.push(`backups: ${databases.join(", ")}`);
      onDestination.push(`databases: restore ${databases.join(", ")} through a one-off`);
    }
  }
  if (steps.includes("finalize")) onDestination.push("formation: scale to the source's recorded formation; autoscalers: create");
  if (onDestination.length) lines.push(`next up on ${spec.destinationRegion}: ${onDestination.join("; ")}`);
  if (onSource.length) lines.push(`next up on ${spec.sourceRegion}: ${onSource.join("; ")}`);
  return lines;
}
