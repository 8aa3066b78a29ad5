import type { StepName } from "./types";

/** A sub-step that must fail, for rehearsing error paths. */
export interface ScriptedFailure {
  /** Source app name, or "*" for every app. */
  app: string;
  /** Sub-step name, or a prefix of it ("Import " fails the first import). */
  step: string;
  /** Logs the failed sub-step shows. */
  logs?: string;
  /** Only during this step's run (e.g. "Stop your old app" exists in data and finalize). */
  during?: StepName;
  /** Fail this many times, then behave again; unlimited when absent. */
  times?: number;
}

export const DEFAULT_FAILURE_LOGS = "Simulated failure (scripted in the simulator)";

export class ScriptedFailures {
  private failures: ScriptedFailure[] = [];

  add(failure: ScriptedFailure): void {
    this.failures.push({ ...failure });
  }

  clear(): void {
    this.failures = [];
  }

  list(): ScriptedFailure[] {
    return this.failures.map((f) => ({ ...f }));
  }

  /** The logs of the first failure matching this sub-step, consuming one of its `times`. */
  take(app: string, step: StepName, subStepName: string): string | undefined {
    const failure = this.failures.find(
      (f) =>
        (f.app === "*" || f.app === app) &&
        (f.during === undefined || f.during === step) &&
        subStepName.startsWith(f.step),
    );
    if (!failure) return undefined;
    if (failure.times !== undefined) {
      failure.times -= 1;
      if (failure.times <= 0) this.failures = this.failures.filter((f) => f !== failure);
    }
    return failure.logs ?? DEFAULT_FAILURE_LOGS;
  }
}
