import { operationSettled, type RegionApi } from "../../client/public";
import { formatDuration } from "../../migration/durations";
import { ReconcileError } from "./errors";
import type { MigrationRun } from "./run";

/**
 * Polls `read` until `done` says so, within the current step's time limit. The first look
 * comes soon (fast operations are the common case), later ones further apart: the account's
 * 60 requests a minute are shared with every other migration of the process.
 */
export async function waitFor<T>(run: MigrationRun, object: string, what: string, read: () => Promise<T>, done: (value: T) => boolean, firstDelayMs = 200): Promise<T> {
  let delay = firstDelayMs;
  const started = Date.now();
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    const left = run.remainingMs();
    if (left <= 0) {
      throw new ReconcileError(object, `still waiting for ${what} after ${formatDuration(Date.now() - started)} (the step's time limit): run \`pulumi up\` again to keep waiting, or raise timeouts`);
    }
    await run.sleep(Math.min(delay, left));
    delay = Math.min(delay * 1.6, 5_000);
  }
}

/** Waits for a scale or restart operation of `region` (the destination's by default) and fails on its error. */
export async function waitOperation(run: MigrationRun, label: string, ref: { app: string; id: string }, region: RegionApi = run.dst): Promise<void> {
  const done = await waitFor(run, label, "the scale operation", () => region.operations.show(ref), operationSettled);
  if (done.status === "error") throw new ReconcileError(label, `the scale operation ended in error: ${done.error || "no reason given"}`);
}
