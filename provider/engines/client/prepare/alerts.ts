import { newTally } from "../copied";
import { about } from "../errors";
import type { MigrationRun } from "../run";

/**
 * The source's alerts on the destination, notifiers remapped; those an autoscaler owns are
 * left to the autoscaler (created at finalize, with its own). Matched by container type,
 * metric and limit: a resumed run finds the ones it made.
 */
export async function reconcileAlerts(run: MigrationRun, notifierIds: ReadonlyMap<string, string>): Promise<void> {
  const { src, dst } = run;
  const sources = await about(`alerts of ${run.srcApp}`, "GET /v1/apps/:app/alerts", () => run.sourceRead("alerts", () => src.alerts.list(run.srcApp)));
  const present = await about(`alerts of ${run.dstApp}`, "GET /v1/apps/:app/alerts", () => run.destination.read("alerts", () => dst.alerts.list(run.dstApp), []));
  const tally = newTally();
  for (const alert of sources) {
    const name = `${alert.containerType} ${alert.metric} ${alert.sendWhenBelow ? "<" : ">"} ${alert.limit}`;
    if (alert.autoscalerId) {
      tally.skipped.push(`${name}: owned by an autoscaler (recreated with it at finalize)`);
      continue;
    }
    const same = present.some((a) => !a.autoscalerId && a.containerType === alert.containerType && a.metric === alert.metric && a.limit === alert.limit && a.sendWhenBelow === alert.sendWhenBelow);
    if (!same) {
      await about(`alert ${name} of ${run.dstApp}`, "POST /v1/apps/:app/alerts", () =>
        dst.alerts.create(run.dstApp, {
          containerType: alert.containerType,
          metric: alert.metric,
          limit: alert.limit,
          sendWhenBelow: alert.sendWhenBelow,
          durationBeforeTrigger: alert.durationBeforeTrigger,
          remindEvery: alert.remindEvery,
          disabled: alert.disabled,
          notifierIds: alert.notifierIds.map((id) => notifierIds.get(id)).filter((id): id is string => id !== undefined),
        }),
      );
    }
    tally.copied.push(name);
  }
  run.tally("alerts", tally);
}
