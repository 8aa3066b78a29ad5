/** Plain types the rest of the project works with; zod schemas in schemas.ts produce them. */

export interface Region {
  name: string;
  displayName: string;
  /** API base URL, without `/v1`. */
  api: string;
  /** Database API base URL, without `/api` (absent when the auth service does not list one). */
  databaseApi?: string;
  default: boolean;
}

/** A region migration's status, as the retired region-migration API spells it. */
export type RegionMigrationStatus =
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

export type MigrationStepName = "preflight" | "prepare" | "data" | "finalize" | "abort";

export interface MigrationSubStep {
  id: string;
  name: string;
  status: "running" | "done" | "error";
  logs: string | null;
}

export interface RegionMigration {
  id: string;
  srcAppName: string;
  dstAppName: string;
  appId: string;
  newAppId: string | null;
  source: string;
  destination: string;
  status: RegionMigrationStatus;
  startedAt: string;
  finishedAt: string | null;
  steps: MigrationSubStep[];
}

export interface App {
  id: string;
  name: string;
  region: string;
  status: string;
  url: string;
  baseUrl: string;
  gitUrl: string;
}

export interface Domain {
  id: string;
  name: string;
  ssl: boolean;
  canonical: boolean;
}
