import type { App, Domain, RegionMigration, RegionMigrationStatus } from "../../client/types";
import { dnsChangesFor } from "../../migration/dns-changes";
import type { MigrationSnapshot } from "../../migration/snapshot";
import { reachedStageAt, type MigrationStatus, type Stage } from "../../migration/stages";

/** After `done`, the old region keeps redirecting traffic for this long. */
const REDIRECT_DAYS = 30;

/** The API's statuses in the shared vocabulary: one entry each, so a new one cannot slip by. */
const STATUS: Readonly<Record<RegionMigrationStatus, MigrationStatus>> = {
  created: "created",
  "preflight-success": "preflight-success",
  "preflight-error": "preflight-error",
  running: "running",
  prepared: "prepared",
  "data-migrated": "data-migrated",
  done: "done",
  error: "error",
  aborting: "aborting",
  aborted: "aborted",
};

/**
 * A region migration as the API shows it, in the shared model. `reachedBefore` is the stage
 * known before this look: `running` and `error` prove none on their own.
 */
export function snapshotOf(migration: RegionMigration, reachedBefore: Stage | null): MigrationSnapshot {
  const status = STATUS[migration.status];
  return {
    id: migration.id,
    status,
    reachedStage: reachedStageAt(status, reachedBefore),
    source: { region: migration.source, appName: migration.srcAppName, appId: migration.appId },
    destination: { region: migration.destination, appName: migration.dstAppName, appId: migration.newAppId, url: null, gitUrl: null, dnsChanges: [] },
    steps: migration.steps.map((s) => ({ id: s.id, name: s.name, status: s.status, logs: s.logs })),
    startedAt: migration.startedAt || null,
    finishedAt: migration.finishedAt,
    redirectExpiresAt: status === "done" && migration.finishedAt ? addDays(migration.finishedAt, REDIRECT_DAYS) : null,
  };
}

/** A done migration with its new app's addresses, as the destination region shows them. */
export function withDestinationApp(snapshot: MigrationSnapshot, app: App, domains: Domain[]): MigrationSnapshot {
  const url = app.baseUrl || app.url;
  return { ...snapshot, destination: { ...snapshot.destination, url, gitUrl: app.gitUrl, dnsChanges: dnsChangesFor(url, domains) } };
}

function addDays(iso: string, days: number): string | null {
  const time = Date.parse(iso);
  return Number.isNaN(time) ? null : new Date(time + days * 86_400_000).toISOString();
}
