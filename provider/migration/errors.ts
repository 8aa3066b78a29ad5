import type { RegionMigration } from "../client/types";
import { formatDuration } from "./durations";
import { failureReport } from "./messages";
import type { TimedStep } from "./spec";

/**
 * Domain failures. Each carries the last migration the server showed, so the Pulumi layer
 * can keep it in state (partial state) and the next `up` or `destroy` works on it.
 */
export abstract class MigrationError extends Error {
  abstract readonly code: string;
  constructor(
    message: string,
    readonly migration: RegionMigration | undefined,
  ) {
    super(message);
  }
}

/** A sub-step failed (`error`) or the preflight refused the migration (`preflight-error`). */
export class MigrationFailedError extends MigrationError {
  override name = "MigrationFailedError";
  readonly code = "migration_failed";
  constructor(migration: RegionMigration) {
    super(failureReport(migration), migration);
  }
}

/** The step outlived its time limit; it is still running on Scalingo. */
export class StepTimeoutError extends MigrationError {
  override name = "StepTimeoutError";
  readonly code = "step_timeout";
  constructor(
    readonly step: TimedStep,
    limitMs: number,
    migration: RegionMigration,
  ) {
    super(
      `The '${step}' step of region migration ${migration.id} is still ${migration.status} after ${formatDuration(limitMs)} ` +
        `(timeouts.${step}). It goes on on Scalingo: run \`pulumi up\` again to keep waiting, or raise timeouts.${step}.`,
      migration,
    );
  }
}

/** The request is not possible in the migration's current state. */
export class MigrationConflictError extends MigrationError {
  override name = "MigrationConflictError";
  readonly code: string;
  constructor(code: string, message: string, migration?: RegionMigration) {
    super(message, migration);
    this.code = code;
  }
}
