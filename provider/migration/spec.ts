import type { RunStep, Stage } from "./stages";

/** What the user may declare: "auto" is resolved to one of the others once, at create. */
export const ENGINE_CHOICES = ["auto", "server", "client"] as const;
export type EngineChoice = (typeof ENGINE_CHOICES)[number];
/** The engine that does a migration: Scalingo's region-migration API, or this provider itself. */
export type EngineKind = Exclude<EngineChoice, "auto">;

/**
 * A certificate the user re-supplies (Scalingo never returns an uploaded key). Plain text in
 * the spec (the domain stays engine-neutral): the client engine wraps both in Secrets the
 * moment it takes them, and no spec is ever printed.
 */
export interface UserCertificate {
  certificate: string;
  privateKey: string;
}

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
  /** Absent: "auto" (the server engine's callers never set it). */
  engine?: EngineChoice;
  /** Client engine: a local .tar.gz path or an http(s) URL; absent or "" = none. */
  sourceArchive?: string;
  /** Client engine: by domain name (lower case). */
  certificates?: Record<string, UserCertificate>;
}

/** Documented defaults (README, "Timeouts"). */
export const DEFAULT_TIMEOUTS_MS: Readonly<Record<TimedStep, number>> = {
  preflight: 10 * 60_000,
  prepare: 30 * 60_000,
  data: 2 * 60 * 60_000,
  finalize: 30 * 60_000,
  abort: 30 * 60_000,
};
