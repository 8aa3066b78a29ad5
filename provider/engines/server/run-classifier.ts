import type { MigrationSnapshot } from "../../migration/snapshot";
import type { RunStep } from "../../migration/stages";

/**
 * Which step a `running` migration is in, when we did not send it ourselves (adoption,
 * refresh, an interrupted `up`). The API does not say; the sub-step names do, in Scalingo's
 * wording. "Stop your old app" opens both `data` and `finalize` (when data was skipped), so
 * it is decided by whether the user migrates data.
 */
export function runningStepOf(migration: Pick<MigrationSnapshot, "status" | "steps" | "destination">, migrateData: boolean): RunStep {
  if (migration.status === "created") return "preflight";
  const last = [...migration.steps].reverse().find((s) => s.status === "running") ?? migration.steps[migration.steps.length - 1];
  if (!last) return migration.destination.appId ? "data" : "prepare";
  const name = last.name.toLowerCase();
  if (/^check |preflight/.test(name)) return "preflight";
  if (/start the new app|redirect the traffic/.test(name)) return "finalize";
  if (/^stop your old app/.test(name)) return migrateData ? "data" : "finalize";
  if (/addon|data|backup|restore/.test(name)) return "data";
  return "prepare";
}
