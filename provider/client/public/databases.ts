import { z } from "zod";
import { seg, type CallOptions } from "./connection";
import type { RegionChannel } from "./region-channel";
import type { Secret } from "./secret";
import { count, flag, parseAnswer, secretString, text } from "./wire";

/** A database addon as the Database API shows it (contract §2.9). */
export interface Database {
  id: string;
  appName: string;
  plan: string;
  /** `creating`, `running`, `stopped`, … */
  status: string;
  /** The engine: `postgresql`, `mysql`, `mongodb`, `redis`, … */
  typeName: string;
  versionId: string;
  /** e.g. `15.4.0`. */
  readableVersion: string;
  nextVersionId: string | null;
  features: { name: string; status: string }[];
  periodicBackupsEnabled: boolean;
}

export interface DatabaseVersion {
  id: string;
  major: number;
  minor: number;
  patch: number;
  build: number;
}

export type BackupStatus = "scheduled" | "running" | "done" | "error" | (string & {});

export interface Backup {
  id: string;
  name: string;
  status: BackupStatus;
  /** `manual` or `periodic`. */
  method: string;
  createdAt: string;
  startedAt: string | null;
  size: number;
}

const databaseSchema = z
  .object({
    database: z.object({
      id: z.string(),
      app_name: text,
      plan: text,
      status: text,
      type_name: z.string(),
      version_id: text,
      readable_version: text,
      next_version_id: z.string().nullish(),
      features: z.array(z.object({ name: z.string(), status: text })).nullish(),
      periodic_backups_enabled: flag,
    }),
  })
  .transform(
    ({ database: d }): Database => ({
      id: d.id,
      appName: d.app_name,
      plan: d.plan,
      status: d.status,
      typeName: d.type_name,
      versionId: d.version_id,
      readableVersion: d.readable_version,
      nextVersionId: d.next_version_id || null,
      features: d.features ?? [],
      periodicBackupsEnabled: d.periodic_backups_enabled,
    }),
  );

export const versionSchema = z
  .object({ database_type_version: z.object({ id: z.string(), major: count, minor: count, patch: count, build: count }) })
  .transform((b): DatabaseVersion => b.database_type_version);

const backupFields = z
  .object({ id: z.string(), name: text, status: z.string(), method: text, created_at: text, started_at: z.string().nullish(), size: count })
  .transform(
    (b): Backup => ({ id: b.id, name: b.name, status: b.status, method: b.method, createdAt: b.created_at, startedAt: b.started_at ?? null, size: b.size }),
  );
const backupSchema = z.object({ database_backup: backupFields }).transform((b) => b.database_backup);
const backupsSchema = z.object({ database_backups: z.array(backupFields) }).transform((b) => b.database_backups);
const archiveSchema = z.object({ download_url: secretString }).transform((b) => b.download_url);

/** Nothing more will happen to it: `done` or `error`. */
export function backupSettled(backup: Backup): boolean {
  return backup.status === "done" || backup.status === "error";
}

/**
 * The Database API, on the region's `database_api` host, each call with its addon's token
 * (fetched and kept by the connection). `app` names the app the addon belongs to: the token is
 * asked of it.
 */
export class Databases {
  constructor(private readonly channel: RegionChannel) {}

  async show(app: string, addonId: string, options?: CallOptions): Promise<Database> {
    return parseAnswer(databaseSchema, await this.channel.database(app, addonId, { method: "GET", path: `/api/databases/${seg(addonId)}` }, options));
  }

  /** A version's detail (`versionId` from `show`). */
  async version(app: string, addonId: string, versionId: string, options?: CallOptions): Promise<DatabaseVersion> {
    const path = `/api/database_type_versions/${seg(versionId)}`;
    return parseAnswer(versionSchema, await this.channel.database(app, addonId, { method: "GET", path }, options));
  }

  /** Asynchronous: the backup comes back `scheduled`; poll `showBackup` until `done` (or `error`). */
  async createBackup(app: string, addonId: string, options?: CallOptions): Promise<Backup> {
    const path = `/api/databases/${seg(addonId)}/backups`;
    return parseAnswer(backupSchema, await this.channel.database(app, addonId, { method: "POST", path, body: {} }, options));
  }

  /** Newest first. */
  async listBackups(app: string, addonId: string, options?: CallOptions): Promise<Backup[]> {
    const path = `/api/databases/${seg(addonId)}/backups`;
    return parseAnswer(backupsSchema, await this.channel.database(app, addonId, { method: "GET", path }, options));
  }

  /** go-scalingo's `/api/backups/:id` (Scalingo's dashboard nests it under the database; both are served). */
  async showBackup(app: string, addonId: string, backupId: string, options?: CallOptions): Promise<Backup> {
    const path = `/api/backups/${seg(backupId)}`;
    return parseAnswer(backupSchema, await this.channel.database(app, addonId, { method: "GET", path }, { priority: "poll", ...options }));
  }

  /**
   * The backup archive's pre-signed download URL (a 422 until the backup is done). Short-lived
   * (minutes): ask for it just before it is used.
   */
  async archiveUrl(app: string, addonId: string, backupId: string, options?: CallOptions): Promise<Secret> {
    const path = `/api/databases/${seg(addonId)}/backups/${seg(backupId)}/archive`;
    return parseAnswer(archiveSchema, await this.channel.database(app, addonId, { method: "GET", path }, options));
  }
}
