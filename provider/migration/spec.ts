import type { RunStep, Stage } from "./stages";

export type TimedStep = RunStep | "abort";

/** A validated AppMigration declaration: what the user asked for, in plain types. */
export interface MigrationSpec {
  /** Source app, name or id. */
  app: string;
  sourceRegion: string;
  destinationRegion: string;
  /** Name on the destination; empty = same as the source app. */
  newName: string;
  stage: Stage;
  migrateData: boolean;
  /** Adopt this migration instead of creating one. */
  migrationId?: string;
  /** Per-step time limits, in milliseconds. */
  timeouts: Record<TimedStep, number>;
  /** Identifies the declaring Pulumi resource across runs (project/stack/name). */
  owner: string;
}

/** Documented defaults (README, "Timeouts"). */
export const DEFAULT_TIMEOUTS_MS: Readonly<Record<TimedStep, number>> = {
  preflight: 10 * 60_000,
  prepare: 30 * 60_000,
  data: 2 * 60 * 60_000,
  finalize: 30 * 60_000,
  abort: 30 * 60_000,
};
