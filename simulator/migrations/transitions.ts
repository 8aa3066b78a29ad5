import type { MigrationStatus, StepName } from "./types";

/** The contract's status diagram: which step may run from which status, and where it leads. */

export const FINAL_STATUSES: readonly MigrationStatus[] = ["preflight-error", "aborted", "done"];

interface StepRule {
  allowedFrom: (status: MigrationStatus) => boolean;
  /** Status while the step runs; null keeps the current one (preflight stays `created`). */
  whileRunning: MigrationStatus | null;
  onSuccess: MigrationStatus;
  onFailure: MigrationStatus;
}

const RULES: Record<StepName, StepRule> = {
  preflight: {
    allowedFrom: (s) => s === "created",
    whileRunning: null,
    onSuccess: "preflight-success",
    onFailure: "preflight-error",
  },
  prepare: {
    allowedFrom: (s) => s === "preflight-success",
    whileRunning: "running",
    onSuccess: "prepared",
    onFailure: "error",
  },
  data: {
    allowedFrom: (s) => s === "prepared",
    whileRunning: "running",
    onSuccess: "data-migrated",
    onFailure: "error",
  },
  finalize: {
    allowedFrom: (s) => s === "prepared" || s === "data-migrated",
    whileRunning: "running",
    onSuccess: "done",
    onFailure: "error",
  },
  abort: {
    allowedFrom: (s) => !isFinal(s),
    whileRunning: "aborting",
    onSuccess: "aborted",
    // Not in the contract: a failed abort leaves the migration waiting for another abort.
    onFailure: "error",
  },
};

export function isFinal(status: MigrationStatus): boolean {
  return FINAL_STATUSES.includes(status);
}

export function canRun(step: StepName, status: MigrationStatus): boolean {
  return RULES[step].allowedFrom(status);
}

export function statusWhileRunning(step: StepName, current: MigrationStatus): MigrationStatus {
  return RULES[step].whileRunning ?? current;
}

export function statusAfter(step: StepName, succeeded: boolean): MigrationStatus {
  return succeeded ? RULES[step].onSuccess : RULES[step].onFailure;
}
