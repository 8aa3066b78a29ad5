import { formatDuration } from "./durations";
import { failureReport } from "./messages";
import type { MigrationSnapshot } from "./snapshot";
import type { TimedStep } from "./spec";

/**
 * Domain failures. Each carries the last snapshot of the migration, so the Pulumi layer can
 * keep it in state (partial state) and the next `up` or `destroy` works on it.
 */
export abstract class MigrationError extends Error {
  abstract readonly code: string;
  constructor(
    message: string,
    readonly snapshot: MigrationSnapshot | undefined,
  ) {
    super(message);
  }
}

/** A sub-step failed (`error`) or the preflight refused the migration (`preflight-error`). */
export class MigrationFailedError extends MigrationError {
  override name = "MigrationFailedError";
  readonly code = "migration_failed";
  constructor(snapshot: MigrationSnapshot) {
    super(failureReport(snapshot), snapshot);
  }
}

/** The step outlived its time limit; it is still running on Scalingo. */
export class StepTimeoutError extends MigrationError {
  override name = "StepTimeoutError";
  readonly code = "step_timeout";
  constructor(
    readonly step: TimedStep,
    limitMs: number,
    snapshot: MigrationSnapshot,
  ) {
    super(
      `The '${step}' step of region migration ${snapshot.id} is still ${snapshot.status} after ${formatDuration(limitMs)} ` +
        `(timeouts.${step}). It goes on on Scalingo: run \`pulumi up\` again to keep waiting, or raise timeouts.${step}.`,
      snapshot,
    );
  }
}

/** The request is not possible in the migration's current state. */
export class MigrationConflictError extends MigrationError {
  override name = "MigrationConflictError";
  readonly code: string;
  constructor(code: string, message: string, snapshot?: MigrationSnapshot) {
    super(message, snapshot);
    this.code = code;
  }
}
