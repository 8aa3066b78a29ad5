import type { PublicApi } from "../../client/public";
import type { ManualAction, MigrationSnapshot } from "../../migration/snapshot";
import type { ClientRecord } from "./record";

/** Source events that mean the source changed in a way the destination should follow. */
const DRIFT = /^(new|edit|delete)_(variable|variables|domain|addon|collaborator|notifier|alert|log_drain|autoscaler)$|^(deployment|restart_app|upgrade_addon)$/;

/**
 * `refresh`: both apps read back. The destination must still be there (and its addresses are
 * taken as they are now); on the source, what changed since prepare (Scalingo's events, the
 * drift the old tool's read-only mode prevented) becomes a manual action naming the kinds.
 * finalize copies variables and domains again by itself.
 */
export async function readBack(api: PublicApi, record: ClientRecord, snapshot: MigrationSnapshot): Promise<MigrationSnapshot> {
  const src = api.region(record.sourceRegion);
  const dst = api.region(record.destinationRegion);
  const extra: ManualAction[] = [];
  const source = await src.apps.find(record.source.appId || record.source.appName);
  if (!source) {
    extra.push({ id: "source-missing", action: `Find out what happened to ${record.source.appName} on ${record.sourceRegion}`, why: "the source app is gone: abort can no longer restart it", blocking: true });
  }
  let destination = snapshot.destination;
  if (record.destination.appId) {
    const app = await dst.apps.find(record.destination.appId);
    if (!app && record.status !== "aborted") {
      extra.push({
        id: "destination-missing",
        action: `Run \`pulumi destroy\`, then \`pulumi up\`: ${record.dstAppName} on ${record.destinationRegion} was deleted outside this migration`,
        why: "the destination app this migration created is gone",
        blocking: true,
      });
    } else if (app) {
      destination = { ...destination, url: app.baseUrl || app.url || destination.url, gitUrl: app.gitUrl || destination.gitUrl };
    }
  }
  const since = preparedAt(record);
  if (source && since && record.status !== "done") {
    const events = (await src.events.since(source.name, since)).filter((e) => DRIFT.test(e.type));
    if (events.length) {
      const kinds = [...new Set(events.map((e) => e.type))].sort();
      extra.push({
        id: "source-drift",
        action: `Review what changed on ${record.source.appName} since prepare (${events.length} change(s): ${kinds.join(", ")})`,
        why: "finalize copies variables and domains again; other kinds are yours to carry over",
        blocking: false,
      });
    }
  }
  const kept = (snapshot.manualActions ?? []).filter((a) => !extra.some((e) => e.id === a.id));
  return { ...snapshot, destination, manualActions: [...kept, ...extra] };
}

function preparedAt(record: ClientRecord): string | null {
  return record.preparedAt ?? null;
}
