import type { TimedStep } from "./spec";

/**
 * How long to wait before looking at a running step again. Scalingo's CLI looked once a
 * second; we look often at the start (fast steps end fast), then less often as the step
 * proves long, never less often than `maxDelayMs` so that an end is noticed quickly.
 */
export interface PollSchedule {
  nextDelayMs(step: TimedStep, elapsedMs: number): number;
}

export interface BackoffScheduleOptions {
  firstDelayMs: number;
  growth: number;
  maxDelayMs: Record<TimedStep, number>;
}

export const DEFAULT_BACKOFF: BackoffScheduleOptions = {
  firstDelayMs: 250,
  growth: 1.6,
  maxDelayMs: { preflight: 1_500, prepare: 3_000, data: 3_500, finalize: 3_000, abort: 3_000 },
};

export function backoffSchedule(options: BackoffScheduleOptions = DEFAULT_BACKOFF): PollSchedule {
  return {
    nextDelayMs(step, elapsedMs) {
      // Grows with the time already spent: a step that took 10 s is not polled every 250 ms.
      const grown = Math.max(options.firstDelayMs, elapsedMs * (options.growth - 1));
      return Math.min(grown, options.maxDelayMs[step]);
    },
  };
}
