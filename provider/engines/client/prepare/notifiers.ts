import { newTally } from "../copied";
import { about, ReconcileError } from "../errors";
import type { MigrationRun } from "../run";

/**
 * The source's notifiers on the destination, matched by name, with platform and event types
 * remapped by name. The default e-mail notifier Scalingo gives every new app is not copied
 * over itself. Returns source notifier id → destination notifier id, for the alerts.
 */
export async function reconcileNotifiers(run: MigrationRun): Promise<Map<string, string>> {
  const { src, dst } = run;
  const sources = await about(`notifiers of ${run.srcApp}`, "GET /v1/apps/:app/notifiers", () => run.sourceRead("notifiers", () => src.notifiers.list(run.srcApp)));
  // A new app has only its default notifier: read when a source notifier needs its id (or could be mistaken for it).
  const needsDefault = sources.some((n) => n.name.startsWith("Default '"));
  let present = await about(`notifiers of ${run.dstApp}`, "GET /v1/apps/:app/notifiers", () => run.destination.read("notifiers", () => dst.notifiers.list(run.dstApp), needsDefault ? undefined : []));
  const ids = new Map<string, string>();
  const tally = newTally();
  for (const notifier of sources) {
    if (notifier.name === `Default '${run.srcApp}' notifier`) {
      const own = present.find((n) => n.name === `Default '${run.dstApp}' notifier`);
      if (own) ids.set(notifier.id, own.id);
      tally.skipped.push(`${notifier.name}: the new app has its own default notifier`);
      continue;
    }
    const label = `notifier ${notifier.name} of ${run.dstApp}`;
    const platform = await run.catalogue.platform(notifier.platformId);
    if (!platform.dst) throw new ReconcileError(label, `${run.record.destinationRegion} has no notification platform ${platform.name}`);
    const events = await run.catalogue.eventIds(notifier.selectedEventIds);
    const fields = {
      name: notifier.name,
      active: notifier.active,
      sendAllAlerts: notifier.sendAllAlerts,
      sendAllEvents: notifier.sendAllEvents,
      selectedEventIds: events.ids,
      typeData: {
        ...(notifier.typeData.webhookUrl ? { webhookUrl: notifier.typeData.webhookUrl } : {}),
        ...(notifier.typeData.emails.length ? { emails: notifier.typeData.emails } : {}),
        ...(notifier.typeData.phoneNumber ? { phoneNumber: notifier.typeData.phoneNumber } : {}),
      },
    };
    let there = present.find((n) => n.name === notifier.name);
    if (!there) {
      there = await about(label, "POST /v1/apps/:app/notifiers", () => dst.notifiers.create(run.dstApp, { platformId: platform.dst!.id, ...fields }));
      present = [...present, there];
    }
    ids.set(notifier.id, there.id);
    tally.copied.push(notifier.name);
    if (events.missing.length) tally.skipped.push(`${notifier.name} events ${events.missing.join(", ")}: unknown on ${run.record.destinationRegion}`);
    if (notifier.typeData.userIds.length) {
      run.manual({ id: `notifier-users:${notifier.name}`, action: `Pick the users notified by ${notifier.name} again`, why: "user ids are per region", blocking: false });
    }
  }
  run.tally("notifiers", tally);
  return ids;
}
