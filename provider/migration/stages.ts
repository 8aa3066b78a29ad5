/**
 * The words every engine speaks: the stages a user asks for, the steps that reach them, and
 * the statuses a migration goes through. An engine maps its own state onto these; users see
 * them as the `status` and `reachedStage` outputs.
 */

/** What a user asks for: the last step that must have run. */
export type Stage = "create" | "prepare" | "data" | "finalize";

export const STAGES: readonly Stage[] = ["create", "prepare", "data", "finalize"];

/** Steps a migration goes through after it exists, in order. */
export type RunStep = "preflight" | "prepare" | "data" | "finalize";

export type MigrationStatus =
  | "created"
  | "preflight-success"
  | "preflight-error"
  | "running"
  | "prepared"
  | "data-migrated"
  | "done"
  | "error"
  | "aborting"
  | "aborted";

export function stageIndex(stage: Stage): number {
  return STAGES.indexOf(stage);
}

export function isStage(value: unknown): value is Stage {
  return typeof value === "string" && (STAGES as readonly string[]).includes(value);
}

/** Statuses after which nothing more can happen to a migration. */
export const FINAL_STATUSES: readonly MigrationStatus[] = ["done", "aborted", "preflight-error"];

/** Statuses during which the engine is working and we can only wait. */
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

/** The stage reached once a migration is at `status`, knowing it had reached `before`. */
export function reachedStageAt(status: MigrationStatus, before: Stage | null): Stage | null {
  return stageProvenBy(status) ?? (status === "aborted" ? null : before);
}
