import { z } from "zod";
import { ForbiddenError, InvalidError, NotFoundError } from "../../../domain-errors";
import { addonKind } from "../../../world/addon-catalog";
import { addonHost } from "../../../world/addon-identity";
import { databaseTypeId, databaseVersionId, databaseVersionJson } from "../../../world/catalog/database-types";
import { archivePath, backupById, createBackup } from "../../../world/public/backup-ops";
import type { Addon, App, Backup } from "../../../world/types";
import { json, type ApiResponse } from "../../api-response";
import { databaseCaller } from "../../authenticate";
import { parseBody } from "../../request-schemas";
import { calledRegion, type RouteContext, type Router } from "../../router";

/**
 * The Database API (§1, §2.9) under `/api` on the region's host (the regions list gives it as
 * `database_api`): an addon token opens one database; a user bearer opens the caller's (JSSDK).
 */
export function addDatabaseRoutes(router: Router): Router {
  return router
    .add("GET", "/api/databases/:id", "database", showDatabase)
    .add("PATCH", "/api/databases/:id", "database", updateDatabase)
    .add("PUT", "/api/databases/:id", "database", updateDatabase)
    .add("GET", "/api/databases/:id/backups", "database", listBackups)
    .add("POST", "/api/databases/:id/backups", "database", createBackupRoute)
    .add("GET", "/api/databases/:id/backups/:backup", "database", showBackupOfDatabase)
    .add("GET", "/api/databases/:id/backups/:backup/archive", "database", archive)
    .add("GET", "/api/backups/:backup", "database", showBackup)
    .add("GET", "/api/database_type_versions/:version", "database", showVersion);
}

const settingsBody = z.object({
  database: z.object({ periodic_backups_enabled: z.boolean().optional(), periodic_backups_scheduled_at: z.union([z.number().int(), z.array(z.number().int())]).optional() }),
});

/** The database the URL names, if the token may open it. */
async function database(ctx: RouteContext, id: string): Promise<{ app: App; addon: Addon }> {
  const { account, addonId } = await databaseCaller(ctx.call.headers, ctx.core);
  if (addonId !== null && addonId !== id) throw new ForbiddenError("this addon token is for another database");
  const found = ctx.core.world.findAddon(calledRegion(ctx).name, id);
  if (!found || found.app.ownerId !== account.id || !found.addon.documents) throw new NotFoundError("database");
  return found;
}

async function showDatabase(ctx: RouteContext): Promise<ApiResponse> {
  const { app, addon } = await database(ctx, ctx.params.id);
  return json(200, { database: databaseJson(ctx, app, addon) });
}

async function updateDatabase(ctx: RouteContext): Promise<ApiResponse> {
  const { app, addon } = await database(ctx, ctx.params.id);
  const { database: input } = parseBody(settingsBody, ctx.call);
  if (input.periodic_backups_enabled !== undefined) addon.periodicBackupsEnabled = input.periodic_backups_enabled;
  if (input.periodic_backups_scheduled_at !== undefined) {
    const hours = Array.isArray(input.periodic_backups_scheduled_at) ? input.periodic_backups_scheduled_at : [input.periodic_backups_scheduled_at];
    if (hours.some((h) => h < 0 || h > 23)) throw new InvalidError("periodic_backups_scheduled_at", "hours are 0 to 23");
    addon.periodicBackupsScheduledAt = hours;
  }
  return json(200, { database: databaseJson(ctx, app, addon) });
}

async function listBackups(ctx: RouteContext): Promise<ApiResponse> {
  const { addon } = await database(ctx, ctx.params.id);
  return json(200, { database_backups: [...addon.backups].reverse().map((b) => backupJson(addon, b)) });
}

async function createBackupRoute(ctx: RouteContext): Promise<ApiResponse> {
  const { app, addon } = await database(ctx, ctx.params.id);
  return json(201, { database_backup: backupJson(addon, createBackup(ctx.core.publicApi, app, addon)) });
}

async function showBackupOfDatabase(ctx: RouteContext): Promise<ApiResponse> {
  const { addon } = await database(ctx, ctx.params.id);
  return json(200, { database_backup: backupJson(addon, backupById(addon, ctx.params.backup)) });
}

/** go-scalingo's BackupShow: `/api/backups/:id`, the addon known only from the token. */
async function showBackup(ctx: RouteContext): Promise<ApiResponse> {
  const { account, addonId } = await databaseCaller(ctx.call.headers, ctx.core);
  const addons = ctx.core.world.appsIn(calledRegion(ctx).name, account.id).flatMap((app) => app.addons);
  const addon = addons.find((a) => (addonId === null || a.id === addonId) && a.backups.some((b) => b.id === ctx.params.backup));
  if (!addon) throw new NotFoundError("database_backup");
  return json(200, { database_backup: backupJson(addon, backupById(addon, ctx.params.backup)) });
}

async function archive(ctx: RouteContext): Promise<ApiResponse> {
  const { addon } = await database(ctx, ctx.params.id);
  const path = archivePath(backupById(addon, ctx.params.backup));
  const expires = ctx.core.publicApi.now() + ctx.core.timings.get().urlTtl;
  return json(200, { download_url: ctx.core.signer.sign(ctx.publicUrl, "GET", path, expires) });
}

async function showVersion(ctx: RouteContext): Promise<ApiResponse> {
  const { account } = await databaseCaller(ctx.call.headers, ctx.core);
  const region = calledRegion(ctx).name;
  const addon = ctx.core.world.appsIn(region, account.id).flatMap((app) => app.addons).find((a) => versionId(region, a) === ctx.params.version);
  if (!addon) throw new NotFoundError("database_type_version");
  return json(200, { database_type_version: databaseVersionJson(region, addon.providerId, addon.version) });
}

function versionId(region: string, addon: Addon): string {
  return databaseVersionId(region, addon.providerId, addon.version);
}

function databaseJson(ctx: RouteContext, app: App, addon: Addon) {
  const region = calledRegion(ctx).name;
  return {
    id: addon.id,
    created_at: addon.provisionedAt,
    resource_id: addon.resourceId,
    app_name: app.name,
    encryption_at_rest: true,
    features: addon.features,
    plan: addon.plan,
    status: addon.status === "provisioning" ? "creating" : addon.status === "running" ? "running" : "stopped",
    type_id: databaseTypeId(region, addon.providerId),
    type_name: addon.providerId,
    version_id: versionId(region, addon),
    next_version_id: "",
    readable_version: addon.version,
    hostname: addonHost(region, addon),
    current_operation_id: "",
    cluster: addon.plan.includes("business"),
    instances: [{ id: `${addon.id}-1`, hostname: addonHost(region, addon), port: addonKind(addon.providerId).port, status: "running", type: "db-node", features: [], private_ip: "" }],
    periodic_backups_enabled: addon.periodicBackupsEnabled,
    periodic_backups_scheduled_at: addon.periodicBackupsScheduledAt,
    maintenance_window: { weekday_utc: 1, starting_hour_utc: 2, duration_in_hour: 8 },
  };
}

function backupJson(addon: Addon, b: Backup) {
  return {
    id: b.id,
    created_at: b.createdAt,
    started_at: b.startedAt,
    name: b.name,
    size: b.size,
    status: b.status,
    database_id: addon.id,
    method: b.method,
  };
}
