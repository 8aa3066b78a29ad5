import type { StepName } from "./types";

export type Profile = "fast" | "realistic";

/** Total duration (ms) of each step's run, split across its sub-steps along the longest chain. */
export const PROFILE_DURATIONS: Record<Profile, Record<StepName, number>> = {
  // About 20–50 ms per sub-step: a whole migration takes well under two seconds.
  fast: { preflight: 150, prepare: 400, data: 120, finalize: 100, abort: 90 },
  // Close to what Scalingo users saw for a small app.
  realistic: { preflight: 5_000, prepare: 30_000, data: 180_000, finalize: 20_000, abort: 15_000 },
};

export class StepDurations {
  private totals: Record<StepName, number>;

  constructor(
    private readonly profile: Profile,
    private readonly overrides: Partial<Record<StepName, number>> = {},
  ) {
    this.totals = { ...PROFILE_DURATIONS[profile], ...overrides };
  }

  totalFor(step: StepName): number {
    return this.totals[step];
  }

  all(): Record<StepName, number> {
    return { ...this.totals };
  }

  set(changes: Partial<Record<StepName, number>>): void {
    this.totals = { ...this.totals, ...changes };
  }

  /** Back to what the simulator was started with. */
  reset(): void {
    this.totals = { ...PROFILE_DURATIONS[this.profile], ...this.overrides };
  }
}
