import type { MigrationStatus, MigrationStepName } from "../client/types";

/** What a user asks for: the last step that must have run. */
export type Stage = "create" | "prepare" | "data" | "finalize";

export const STAGES: readonly Stage[] = ["create", "prepare", "data", "finalize"];

/** Sub-steps a migration goes through after it exists, in order. */
export type RunStep = Exclude<MigrationStepName, "abort">;

export function stageIndex(stage: Stage): number {
  return STAGES.indexOf(stage);
}

export function isStage(value: unknown): value is Stage {
  return typeof value === "string" && (STAGES as readonly string[]).includes(value);
}

/** Statuses after which nothing more can happen to a migration. */
export const FINAL_STATUSES: readonly MigrationStatus[] = ["done", "aborted", "preflight-error"];

/** Statuses during which the server is working and we can only wait. */
export const BUSY_STATUSES: readonly MigrationStatus[] = ["running", "aborting"];

export function isFinal(status: MigrationStatus): boolean {
  return FINAL_STATUSES.includes(status);
}

export function isBusy(status: MigrationStatus): boolean {
  return BUSY_STATUSES.includes(status);
}

/**
 * The last stage a status proves complete, or `undefined` when not even the preflight has
 * passed. `running`, `error` and `aborting` prove nothing on their own: callers keep what
 * they knew before.
 */
export function stageProvenBy(status: MigrationStatus): Stage | undefined {
  switch (status) {
    case "preflight-success":
      return "create";
    case "prepared":
      return "prepare";
    case "data-migrated":
      return "data";
    case "done":
      return "finalize";
    default:
      return undefined;
  }
}

/** The status a step can be run from (the wire contract's transition table). */
export function canRun(step: MigrationStepName, status: MigrationStatus): boolean {
  switch (step) {
    case "preflight":
      return status === "created";
    case "prepare":
      return status === "preflight-success";
    case "data":
      return status === "prepared";
    case "finalize":
      return status === "prepared" || status === "data-migrated";
    case "abort":
      return !isFinal(status);
  }
}
