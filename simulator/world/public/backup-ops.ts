import { InvalidError, NotFoundError } from "../../domain-errors";
import { addonKind } from "../addon-catalog";
import { documentsDigest } from "../addon-identity";
import { prefixedId } from "../ids";
import type { Addon, App, Backup, DatabaseDocument } from "../types";
import { recordEvent } from "./app-activity";
import { isoAt, type PublicContext } from "./context";

/** Database backups (§2.9): scheduled → running (the snapshot is taken) → done, then archived. */

export function requireDatabase(addon: Addon): DatabaseDocument[] {
  if (!addon.documents) throw new NotFoundError("database");
  return addon.documents;
}

export function createBackup(ctx: PublicContext, app: App, addon: Addon): Backup {
  requireDatabase(addon);
  if (addon.status !== "running") throw new InvalidError("database", `is not running (status: ${addon.status})`);
  const now = ctx.now();
  const backup: Backup = {
    id: prefixedId("bk"),
    name: `${new Date(now).toISOString().replace(/[-:]/g, "").slice(0, 15)}_${addon.resourceId}`,
    method: "manual",
    status: "scheduled",
    createdAt: isoAt(now),
    startedAt: null,
    size: 0,
    snapshot: null,
    engine: addon.providerId,
  };
  addon.backups.push(backup);
  const duration = ctx.timings.get().backup;
  const fail = ctx.failures.take("backup", app);
  ctx.world.schedule(now + duration * 0.3, { kind: "backup-start", appId: app.id, addonId: addon.id, backupId: backup.id });
  ctx.world.schedule(now + duration, { kind: "backup-end", appId: app.id, addonId: addon.id, backupId: backup.id, fail });
  return backup;
}

export function backupById(addon: Addon, id: string): Backup {
  const backup = addon.backups.find((b) => b.id === id);
  if (!backup) throw new NotFoundError("database_backup");
  return backup;
}

export function startBackup(addon: Addon, backup: Backup, atMs: number): void {
  backup.status = "running";
  backup.startedAt = isoAt(atMs);
  backup.snapshot = (addon.documents ?? []).map((d) => ({ id: d.id, fields: { ...d.fields } }));
}

export function endBackup(app: App, addon: Addon, backup: Backup, fail: string | null, atMs: number): void {
  const engine = addonKind(addon.providerId).displayName;
  if (fail !== null || backup.snapshot === null) {
    backup.status = "error";
    backup.snapshot = null;
    recordEvent(app, "database_backup_failed", null, { addon_name: engine, backup_id: backup.id, error: fail ?? "the backup never started" }, atMs);
    return;
  }
  backup.status = "done";
  backup.size = Buffer.byteLength(JSON.stringify(backup.snapshot)) + 512;
  recordEvent(app, "database_backup_succeeded", null, { addon_name: engine, backup_id: backup.id }, atMs);
}

/** The archive path of a done backup (its URL is signed by the HTTP layer). */
export function archivePath(backup: Backup): string {
  if (backup.status !== "done") throw new InvalidError("backup", `is not done yet (status: ${backup.status})`);
  return `/_storage/backups/${backup.id}`;
}

export function digestOf(addon: Addon): string | null {
  return addon.documents ? documentsDigest(addon.documents) : null;
}
