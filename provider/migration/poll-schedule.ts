import type { TimedStep } from "./spec";

/**
 * When to look at a running step again. Scalingo's CLI looked once a second, which spends the
 * account's 60 requests a minute on a single migration. We spend requests where they tell us
 * something: a few quick looks at first (short steps end fast), then looks that halve the
 * time left until the step's expected end, then regular looks once it is due, so that the
 * end is noticed within about `dueGapMs`.
 *
 * Expected durations start from priors (Scalingo's own orders of magnitude) and learn from
 * the steps this process has watched: once a step's duration is known, the first look goes
 * just before its expected end, so a fleet's later migrations poll once or twice per step.
 */
export interface PollSchedule<K extends string = TimedStep> {
  nextDelayMs(step: K, elapsedMs: number): number;
  /** A step was seen to end after `durationMs`: expect about that next time. */
  observe(step: K, durationMs: number): void;
  /** How long a step is expected to take, as far as this schedule knows. */
  expectedMs(step: K): number;
}

/**
 * `K`: what is waited for (a migration's steps; the client engine's asynchronous jobs, see
 * provider/engines/client/waiting.ts).
 */
export interface AdaptiveScheduleOptions<K extends string = TimedStep> {
  /** Prior expected duration of each step, until one has been observed. */
  expectedMs: Record<K, number>;
  /** The quick looks at the start: first delay, then growing, until `rampMs` have passed. */
  firstDelayMs: number;
  rampMs: number;
  /** Gap between looks once the step is due. */
  dueGapMs: number;
  /** Longest gap ever, even for a step far past its expected end. */
  maxGapMs: number;
  /** Weight of the newest observation in the learned duration. */
  learningRate: number;
  /**
   * When the first look goes once a duration has been learned, as a fraction of it (default
   * LEARNED_FIRST_LOOK). Under 1 favours noticing the end soon; 1 or more favours fewer looks.
   */
  learnedFirstLook?: number;
}

export const DEFAULT_POLLING: AdaptiveScheduleOptions = {
  expectedMs: { preflight: 5_000, prepare: 30_000, data: 180_000, finalize: 20_000, abort: 15_000 },
  firstDelayMs: 250,
  rampMs: 2_000,
  dueGapMs: 1_500,
  maxGapMs: 15_000,
  learningRate: 0.5,
};

/**
 * When the first look goes, as a fraction of a learned duration: a little before the end,
 * since durations vary from one app to the next. Such a look is a guess and, when the budget
 * is contended, waits until nothing else does (see RequestScheduler).
 */
const LEARNED_FIRST_LOOK = 0.85;

export class AdaptivePollSchedule<K extends string = TimedStep> implements PollSchedule<K> {
  private readonly learned = new Map<K, number>();

  constructor(private readonly options: AdaptiveScheduleOptions<K> = DEFAULT_POLLING as unknown as AdaptiveScheduleOptions<K>) {}

  nextDelayMs(step: K, elapsedMs: number): number {
    const { firstDelayMs, rampMs, dueGapMs, maxGapMs } = this.options;
    const learned = this.learned.get(step);
    const firstLook = this.options.learnedFirstLook ?? LEARNED_FIRST_LOOK;
    if (learned !== undefined && elapsedMs < learned * firstLook) {
      // Seen before: the first look goes straight to just before the expected end.
      return Math.max(firstDelayMs, learned * firstLook - elapsedMs);
    }
    if (learned === undefined && elapsedMs < rampMs) return Math.max(firstDelayMs, elapsedMs * 0.6);
    const remaining = this.expectedMs(step) - elapsedMs;
    if (remaining > dueGapMs) return Math.min(maxGapMs, Math.max(dueGapMs, remaining / 2));
    // Due or late: keep looking often, backing off slowly when the step runs far longer.
    return Math.min(maxGapMs, dueGapMs + Math.max(0, -remaining) / 8);
  }

  observe(step: K, durationMs: number): void {
    const before = this.learned.get(step);
    const rate = this.options.learningRate;
    this.learned.set(step, before === undefined ? durationMs : before * (1 - rate) + durationMs * rate);
  }

  expectedMs(step: K): number {
    return this.learned.get(step) ?? this.options.expectedMs[step];
  }
}
