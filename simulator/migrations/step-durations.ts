import { DurationSpread } from "./duration-spread";
import type { StepName } from "./types";

export type Profile = "fast" | "realistic";

/** Total duration (ms) of each step's run, split across its sub-steps along the longest chain. */
export const PROFILE_DURATIONS: Record<Profile, Record<StepName, number>> = {
  // About 20–50 ms per sub-step: a whole migration takes well under two seconds.
  fast: { preflight: 150, prepare: 400, data: 120, finalize: 100, abort: 90 },
  // Close to what Scalingo users saw for a small app (a database of about 1 GB); each app's
  // own figures vary from these (world/data-size.ts, duration-spread.ts).
  realistic: { preflight: 5_000, prepare: 30_000, data: 180_000, finalize: 20_000, abort: 15_000 },
};

export class StepDurations {
  private totals: Record<StepName, number>;
  private readonly spread: DurationSpread;

  constructor(
    private readonly profile: Profile,
    private readonly overrides: Partial<Record<StepName, number>> = {},
    seed?: number,
  ) {
    this.totals = { ...PROFILE_DURATIONS[profile], ...overrides };
    this.spread = new DurationSpread(seed);
  }

  totalFor(step: StepName): number {
    return this.totals[step];
  }

  /**
   * How much longer than `totalFor(step)` the step takes for this app: its data factor (from
   * its databases' size) on the data step, times the seed's factor for (app, step).
   */
  factorFor(step: StepName, app: { name: string; dataDurationFactor: number }): number {
    return (step === "data" ? app.dataDurationFactor : 1) * this.spread.factor(app.name, step);
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
