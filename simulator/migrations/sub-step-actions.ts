import { newAddon, newApp as blankApp } from "../world/app-factory";
import { baseUrl } from "../world/app-views";
import { projectsOf } from "../world/projects";
import { randomObjectId, stableObjectId } from "../world/ids";
import type { App } from "../world/types";
import type { World } from "../world/world";
import {
  checkAddonsCompatibility,
  checkAddonVersions,
  checkCertificates,
  checkNameAvailable,
} from "./preflight-checks";
import type { ImportedPart, Migration, SubStepAction } from "./types";

/** What a sub-step does to the world when it completes, and whether it succeeded. */

export type Outcome = { ok: true } | { ok: false; logs: string };

export interface ActionContext {
  world: World;
  migration: Migration;
  now: Date;
  /** Whether an earlier sub-step of the same run failed (the preflight summary reports it). */
  runHasErrors: boolean;
}

const REDIRECT_DAYS = 30;

/** Thrown inside an action to fail the sub-step with these logs. */
class SubStepFailure extends Error {}

export function performAction(ctx: ActionContext, action: SubStepAction): Outcome {
  try {
    const logs = run(ctx, action);
    return logs === null ? { ok: true } : { ok: false, logs };
  } catch (error) {
    if (error instanceof SubStepFailure) return { ok: false, logs: error.message };
    throw error;
  }
}

/** The migration's apps are read-only from the moment prepare is accepted until it is final. */
export function lockSource(world: World, m: Migration): void {
  const source = world.appById(m.appId);
  if (source) source.lockedByMigrationId = m.id;
}

export function releaseLocks(world: World, m: Migration): void {
  for (const id of [m.appId, m.newAppId]) {
    const app = id ? world.appById(id) : undefined;
    if (app && app.lockedByMigrationId === m.id) app.lockedByMigrationId = null;
  }
}

/** Returns failure logs, or null on success. */
function run(ctx: ActionContext, action: SubStepAction): string | null {
  const { world, migration: m, now } = ctx;
  switch (action.kind) {
    case "check-addon-versions": {
      const destination = world.region(m.destination);
      return destination ? checkAddonVersions(sourceApp(ctx), destination) : `Unknown region ${m.destination}`;
    }
    case "check-certificates":
      return checkCertificates(sourceApp(ctx), now);
    case "check-addons-compatibility":
      return checkAddonsCompatibility(sourceApp(ctx));
    case "check-name-available":
      return checkNameAvailable(world, m);
    case "preflight-summary":
      return ctx.runHasErrors ? "A preflight failed, aborting migration." : null;
    case "create-new-app":
      return createNewApp(ctx);
    case "mark-migrating":
      lockSource(world, m);
      return null;
    case "import":
      importPart(sourceApp(ctx), newApp(ctx), action.part);
      return null;
    case "stop-old-app": {
      const source = sourceApp(ctx);
      if (source.status !== "stopped") {
        source.status = "stopped";
        source.updatedAt = now.toISOString();
        m.sourceStoppedByMigration = true;
      }
      return null;
    }
    case "create-addon":
      createAddonCopy(ctx, action.addonId);
      return null;
    case "backup-addon":
      sourceAddon(ctx, action.addonId);
      return null;
    case "import-addon-data": {
      const copy = destinationAddon(ctx, action.addonId);
      const documents = sourceAddon(ctx, action.addonId).documents;
      if (documents && copy.documents) copy.documents = documents.map((d) => ({ id: d.id, fields: { ...d.fields } }));
      copy.dataImported = true;
      return null;
    }
    case "start-new-app": {
      const app = newApp(ctx);
      app.status = "running";
      app.updatedAt = now.toISOString();
      return null;
    }
    case "redirect-traffic": {
      const target = newApp(ctx);
      const until = new Date(now.getTime() + REDIRECT_DAYS * 24 * 60 * 60 * 1000).toISOString();
      sourceApp(ctx).redirect = { region: target.region, appName: target.name, url: baseUrl(target), until };
      return null;
    }
    case "start-old-app": {
      const source = sourceApp(ctx);
      source.status = "running";
      source.updatedAt = now.toISOString();
      m.sourceStoppedByMigration = false;
      return null;
    }
    case "delete-new-app":
      if (m.newAppId) world.removeApp(m.newAppId);
      return null;
    case "restore-old-app": {
      const source = sourceApp(ctx);
      source.redirect = null;
      if (source.lockedByMigrationId === m.id) source.lockedByMigrationId = null;
      return null;
    }
  }
}

function createNewApp(ctx: ActionContext): string | null {
  const { world, migration: m, now } = ctx;
  if (world.isNameTaken(m.destination, m.dstAppName)) {
    return `An app named ${m.dstAppName} already exists on ${m.destination}`;
  }
  const source = sourceApp(ctx);
  const app: App = blankApp({
    id: randomObjectId(),
    name: m.dstAppName,
    region: m.destination,
    ownerId: source.ownerId,
    projectId: projectsOf(world.current, m.destination, source.ownerId).find((p) => p.default)?.id ?? "",
    createdAt: now.toISOString(),
    stack: source.stack,
    hdsResource: source.hdsResource,
  });
  app.dataDurationFactor = source.dataDurationFactor;
  app.lockedByMigrationId = m.id;
  world.addApp(app);
  m.newAppId = app.id;
  return null;
}

function importPart(source: App, target: App, part: ImportedPart): void {
  switch (part) {
    case "deployment":
      target.lastDeployment = source.lastDeployment ? { ...source.lastDeployment, id: randomObjectId() } : null;
      target.deployments = target.lastDeployment ? [target.lastDeployment] : [];
      target.procfile = { ...source.procfile };
      return;
    case "env":
      target.env = { ...source.env };
      return;
    case "scm":
      target.scm = source.scm ? { ...source.scm } : null;
      return;
    case "collaborators":
      // Pending invitations are not imported.
      target.collaborators = source.collaborators.filter((c) => c.status === "accepted").map((c) => ({ ...c, id: randomObjectId() }));
      return;
    case "domains":
      target.domains = source.domains.map((d) => ({ ...d, id: randomObjectId(), createdAt: target.createdAt }));
      return;
    case "settings":
      target.forceHttps = source.forceHttps;
      target.stickySession = source.stickySession;
      target.routerLogs = source.routerLogs;
      return;
    case "formation":
      target.formation = source.formation.map((f) => ({ ...f }));
      return;
    case "notifiers":
      target.notifiers = source.notifiers.map((n) => ({ ...n, id: randomObjectId() }));
      return;
    case "autoscalers":
      target.autoscalers = source.autoscalers.map((a) => ({ ...a, id: randomObjectId() }));
      return;
    case "alerts":
      target.alerts = source.alerts.map((a) => ({ ...a, id: randomObjectId() }));
      return;
    case "log-drains":
      target.logDrains = source.logDrains.map((d) => ({ ...d, id: randomObjectId() }));
      return;
  }
}

function createAddonCopy(ctx: ActionContext, sourceAddonId: string): void {
  const addon = sourceAddon(ctx, sourceAddonId);
  const target = newApp(ctx);
  const id = copiedAddonId(ctx.migration, sourceAddonId);
  if (target.addons.some((a) => a.id === id)) return;
  target.addons.push(
    newAddon(target, {
      id,
      providerId: addon.providerId,
      plan: addon.plan,
      version: addon.version,
      name: addon.name,
      provisionedAt: new Date().toISOString(),
      status: "running",
      passwordSeed: id,
    }),
  );
}

/** The copy's id is derived from the original so later sub-steps (and a restart) find it. */
function copiedAddonId(m: Migration, sourceAddonId: string): string {
  return stableObjectId(`addon-copy:${m.id}:${sourceAddonId}`);
}

function sourceApp(ctx: ActionContext): App {
  const app = ctx.world.appById(ctx.migration.appId);
  if (!app) throw new SubStepFailure(`The app ${ctx.migration.srcAppName} does not exist anymore`);
  return app;
}

function newApp(ctx: ActionContext): App {
  const id = ctx.migration.newAppId;
  const app = id ? ctx.world.appById(id) : undefined;
  if (!app) throw new SubStepFailure(`The new app ${ctx.migration.dstAppName} does not exist on ${ctx.migration.destination}`);
  return app;
}

function sourceAddon(ctx: ActionContext, addonId: string) {
  const addon = sourceApp(ctx).addons.find((a) => a.id === addonId);
  if (!addon) throw new SubStepFailure(`The addon ${addonId} does not exist anymore on ${ctx.migration.srcAppName}`);
  return addon;
}

function destinationAddon(ctx: ActionContext, sourceAddonId: string) {
  const id = copiedAddonId(ctx.migration, sourceAddonId);
  const addon = newApp(ctx).addons.find((a) => a.id === id);
  if (!addon) throw new SubStepFailure(`The addon was not provisioned on ${ctx.migration.destination}`);
  return addon;
}
