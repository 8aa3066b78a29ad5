import { operationSettled, type CallOptions, type RegionApi } from "../../client/public";
import { formatDuration } from "../../migration/durations";
import { AdaptivePollSchedule, type AdaptiveScheduleOptions, type PollSchedule } from "../../migration/poll-schedule";
import { ReconcileError } from "./errors";
import type { MigrationRun } from "./run";

/** The public API's asynchronous jobs the client engine waits for. */
export type AsyncWork = "operation" | "addon" | "deployment" | "backup" | "restore";

/**
 * How the client engine looks at asynchronous work: the shared poll schedule (see
 * provider/migration/poll-schedule.ts) with priors of Scalingo's orders of magnitude, one
 * quick look at 0.5 s (a job that is already over, or a fast simulator), then looks that halve
 * the time to the expected end; once a kind's duration is learned the first look goes at it,
 * not before: in a fleet every look is a request another migration could have used.
 */
export const ASYNC_POLLING: AdaptiveScheduleOptions<AsyncWork> = {
  expectedMs: { operation: 8_000, addon: 30_000, deployment: 90_000, backup: 30_000, restore: 20_000 },
  firstDelayMs: 500,
  rampMs: 500,
  dueGapMs: 2_500,
  maxGapMs: 30_000,
  learningRate: 0.5,
  learnedFirstLook: 1.05,
};

/** One schedule per process: every migration of a fleet learns from the others' jobs. */
export const asyncPollSchedule: PollSchedule<AsyncWork> = new AdaptivePollSchedule(ASYNC_POLLING);

/**
 * Polls `read` until `done` says so, within the current step's time limit, at the times the
 * run's schedule gives. Each look goes to the shared budget as a poll, a guess before the
 * job's expected end (it then uses only budget nothing else wants). `startedAt`: when this
 * call started the job itself (not when it found one running): the duration is then learned.
 */
export async function waitFor<T>(
  run: MigrationRun,
  kind: AsyncWork,
  object: string,
  what: string,
  read: (options: CallOptions) => Promise<T>,
  done: (value: T) => boolean,
  startedAt?: number,
): Promise<T> {
  const schedule = run.schedule;
  const started = startedAt ?? Date.now();
  const dueAt = started + schedule.expectedMs(kind);
  let seenRunningAt: number | undefined;
  // A job found running (a resumed run) may be over already: looked at once at once.
  let firstLook = startedAt === undefined;
  for (;;) {
    const elapsed = Date.now() - started;
    const left = run.remainingMs();
    if (left <= 0) {
      throw new ReconcileError(object, `still waiting for ${what} after ${formatDuration(elapsed)} (the step's time limit): run \`pulumi up\` again to keep waiting, or raise timeouts`);
    }
    if (!firstLook) await run.sleep(Math.min(schedule.nextDelayMs(kind, elapsed), left));
    firstLook = false;
    const value = await read({ priority: "poll", hints: { dueAt } });
    if (done(value)) {
      if (startedAt !== undefined) schedule.observe(kind, observedDuration(started, seenRunningAt, Date.now()));
      run.workAhead.passed(kind);
      return value;
    }
    seenRunningAt = Date.now();
  }
}

/**
 * Waits for a scale or restart operation of `region` (the destination's by default), called
 * right after the scale that started it, and fails on its error.
 */
export async function waitOperation(run: MigrationRun, label: string, ref: { app: string; id: string }, region: RegionApi = run.dst): Promise<void> {
  const done = await waitFor(run, "operation", label, "the scale operation", (options) => region.operations.show(ref, options), operationSettled, Date.now());
  if (done.status === "error") throw new ReconcileError(label, `the scale operation ended in error: ${done.error || "no reason given"}`);
}

/**
 * How long a job took, as far as our looks tell: between the last look that saw it running and
 * the one that saw it over. When the first look already saw it over, only an upper bound is
 * known: a little under it is learned, so that a first look at 1.05× the learned duration
 * neither creeps later run after run nor starts guessing too early.
 */
function observedDuration(started: number, seenRunningAt: number | undefined, seenOverAt: number): number {
  if (seenRunningAt === undefined) return (seenOverAt - started) * 0.95;
  return (seenRunningAt + seenOverAt) / 2 - started;
}
