import { about } from "./errors";
import { intendedHere } from "./prepare/app";
import { unfreezeSource } from "./prepare/freeze";
import type { MigrationRun } from "./run";
import { waitOperation } from "./waiting";

/**
 * `destroy` before done: the destination app deleted (its addons go with it) — only the one
 * this migration created, by its recorded id — the source scaled back to its recorded
 * formation, and the freeze undone. The source app itself is never deleted.
 */
export async function abort(run: MigrationRun): Promise<void> {
  const { record } = run;
  record.status = "aborting";
  run.save();
  await run.subStep("abort", `Delete the new app on '${record.destinationRegion}' with its addons and migrated data`, () => deleteDestination(run));
  await run.subStep("abort", "Start the old app again if it was stopped", () => restartSource(run));
  await run.subStep("abort", `Give '${run.srcApp}' on ${record.sourceRegion} back its SCM auto-deploy and review apps`, () => unfreezeSource(run));
  record.status = "aborted";
  record.reachedStage = null;
  record.finishedAt = new Date().toISOString();
  run.save();
}

/**
 * By its recorded id; or, when a kill -9 lost the create's answer, by the name of the recorded
 * intent to create it (prepare/app.ts says why an app found under that name is ours). Without
 * either, nothing: an app this provider did not create is never deleted.
 */
async function deleteDestination(run: MigrationRun): Promise<void> {
  const id = run.record.destination.appId;
  if (!id && !intendedHere(run)) return;
  const label = `app ${run.dstApp}${id ? ` (${id})` : ""} on ${run.record.destinationRegion}`;
  const app = await about(label, "GET /v1/apps/:app", () => run.dst.apps.find(id ?? run.dstApp));
  if (!app || (id && app.id !== id)) return;
  await about(label, "DELETE /v1/apps/:app", () => run.dst.apps.delete(app.name));
}

async function restartSource(run: MigrationRun): Promise<void> {
  const formation = run.record.formation;
  if (!formation) return;
  const label = `formation of ${run.srcApp} on ${run.record.sourceRegion}`;
  const current = await about(label, "GET /v1/apps/:app/containers", () => run.src.formation.containers(run.srcApp));
  const targets = formation.filter((c) => current.find((d) => d.name === c.name)?.amount !== c.amount).map((c) => ({ name: c.name, amount: c.amount }));
  if (!targets.length) return;
  const result = await about(label, "POST /v1/apps/:app/scale (back to the recorded formation)", () => run.src.formation.scale(run.srcApp, targets));
  if (result.operation) await waitOperation(run, label, result.operation, run.src);
}
