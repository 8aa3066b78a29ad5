import type { LogDrain } from "../../../client/public";
import { newTally } from "../copied";
import { about } from "../errors";
import type { MigrationRun } from "../run";

/**
 * App and addon log drains on the destination. Scalingo lists a drain only by its URL (a
 * Secret: it may carry a token); its type is the URL's scheme. Compared in memory, never shown:
 * the tally names drains by type.
 */
export async function reconcileLogDrains(run: MigrationRun): Promise<void> {
  const { src, dst } = run;
  const tally = newTally();
  const appDrains = await about(`log drains of ${run.srcApp}`, "GET /v1/apps/:app/log_drains", () => run.sourceRead("logDrains", () => src.logDrains.list(run.srcApp)));
  const presentApp = await about(`log drains of ${run.dstApp}`, "GET /v1/apps/:app/log_drains", () => run.destination.read("logDrains", () => dst.logDrains.list(run.dstApp), []));
  for (const drain of missing(appDrains, presentApp)) {
    await about(`${typeOf(drain)} log drain of ${run.dstApp}`, "POST /v1/apps/:app/log_drains", () => dst.logDrains.add(run.dstApp, { type: typeOf(drain), url: drain.url }));
  }
  tally.copied.push(...appDrains.map((d) => `${typeOf(d)} (app)`));
  const srcAddons = await about(`addons of ${run.srcApp}`, "GET /v1/apps/:app/addons", () => run.sourceRead("addons", () => run.src.addons.list(run.srcApp)));
  const dstAddons = await about(`addons of ${run.dstApp}`, "GET /v1/apps/:app/addons", () => run.destination.read("addons", () => dst.addons.list(run.dstApp)));
  for (const addon of srcAddons) {
    const drains = await about(`log drains of addon ${addon.provider.name} of ${run.srcApp}`, "GET /v1/apps/:app/addons/:id/log_drains", () => src.logDrains.listForAddon(run.srcApp, addon.id));
    if (!drains.length) continue;
    const target = dstAddons.find((a) => a.provider.name === addon.provider.name);
    if (!target) {
      tally.skipped.push(...drains.map((d) => `${typeOf(d)} (addon ${addon.provider.name}): no such addon on the destination`));
      continue;
    }
    const label = `log drains of addon ${addon.provider.name} of ${run.dstApp}`;
    const present = await about(label, "GET /v1/apps/:app/addons/:id/log_drains", () => run.destination.read("addonLogDrains", () => dst.logDrains.listForAddon(run.dstApp, target.id), [], target.id));
    for (const drain of missing(drains, present)) {
      await about(`${typeOf(drain)} ${label}`, "POST /v1/apps/:app/addons/:id/log_drains", () => dst.logDrains.addToAddon(run.dstApp, target.id, { type: typeOf(drain), url: drain.url }));
    }
    tally.copied.push(...drains.map((d) => `${typeOf(d)} (addon ${addon.provider.name.toLowerCase()})`));
  }
  run.tally("logDrains", tally);
}

function missing(wanted: readonly LogDrain[], present: readonly LogDrain[]): LogDrain[] {
  return wanted.filter((w) => !present.some((p) => p.url.equals(w.url)));
}

/** A drain's type from its URL's scheme (`syslog+tls://…` is a syslog drain, `ovh://…` Graylog). */
export function typeOf(drain: LogDrain): string {
  const scheme = /^([a-z0-9+.-]+):\/\//i.exec(drain.url.reveal())?.[1]?.toLowerCase() ?? "syslog";
  const base = scheme.split("+")[0];
  return base === "ovh" ? "ovh-graylog" : base;
}
