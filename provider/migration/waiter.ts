import { StepTimeoutError } from "./errors";
import type { PollSchedule } from "./poll-schedule";
import type { MigrationSnapshot, StepProgress } from "./snapshot";
import type { TimedStep } from "./spec";

export interface WaitOptions {
  step: TimedStep;
  timeoutMs: number;
  schedule: PollSchedule;
  /** Called for each sub-step whose status is new or changed since the last look. */
  onSubStep: (step: StepProgress) => void;
  /** The step was sent just now (not found already running): its duration can be learned. */
  watchedFromStart?: boolean;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

/**
 * Polls a migration until `settled` says the step is over, reporting sub-step changes as they
 * appear. On timeout it throws StepTimeoutError with the last migration seen: the step goes
 * on on the server and the next `up` resumes the wait.
 */
export async function waitUntil(
  /** `dueAt`: when the step is expected to have ended; a look before then is a guess. */
  fetch: (dueAt: number) => Promise<MigrationSnapshot>,
  settled: (snapshot: MigrationSnapshot) => boolean,
  initial: MigrationSnapshot,
  options: WaitOptions,
): Promise<MigrationSnapshot> {
  const sleep = options.sleep ?? defaultSleep;
  const now = options.now ?? Date.now;
  const started = now();
  const dueAt = started + options.schedule.expectedMs(options.step);
  const seen = new Map(initial.steps.map((s) => [s.id, s.status]));
  let current = initial;
  let polled = false;
  /** The step was still running when a look came back at this time. */
  let seenRunningAt = started;
  while (!settled(current)) {
    const elapsed = now() - started;
    if (elapsed >= options.timeoutMs) throw new StepTimeoutError(options.step, options.timeoutMs, current);
    await sleep(Math.min(options.schedule.nextDelayMs(options.step, elapsed), options.timeoutMs - elapsed));
    current = await fetch(dueAt);
    polled = true;
    if (!settled(current)) seenRunningAt = now();
    reportChanges(current.steps, seen, options.onSubStep);
  }
  // Only a wait we watched from its start says how long the step takes.
  if (polled && options.watchedFromStart) options.schedule.observe(options.step, endTime(current, seenRunningAt, now()) - started);
  return current;
}

/**
 * When the step ended: the server's `finished_at`, kept between the last look that saw the
 * step running and the one that saw it over, so that a skewed clock cannot mislead. Not the
 * time we saw it end: with a fleet's looks queued for the budget, that time grows with the
 * queue, and a duration learned from it would push every later look later still.
 */
function endTime(migration: MigrationSnapshot, seenRunningAt: number, seenOverAt: number): number {
  const server = migration.finishedAt === null ? Number.NaN : Date.parse(migration.finishedAt);
  if (Number.isNaN(server)) return (seenRunningAt + seenOverAt) / 2;
  return Math.min(seenOverAt, Math.max(seenRunningAt, server));
}

function reportChanges(
  steps: StepProgress[],
  seen: Map<string, StepProgress["status"]>,
  report: (step: StepProgress) => void,
): void {
  for (const step of steps) {
    if (seen.get(step.id) === step.status) continue;
    seen.set(step.id, step.status);
    report(step);
  }
}

function defaultSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
