import type { AsyncEffect } from "../types";
import { startBackup, endBackup } from "./backup-ops";
import { isoAt, type PublicContext } from "./context";
import { advanceDeployment } from "./deployment-ops";
import { finishOperation } from "./formation-ops";
import { endOneOff, startOneOff } from "./one-off-ops";

/**
 * Brings the world up to `ctx.now()`: every scheduled effect now due is applied, oldest first,
 * as of its own time. Called before each request is handled (and before admin reads), so
 * asynchrony needs no timers and resumes by itself after a `--state` restart.
 * Returns whether anything changed.
 */
export function settle(ctx: PublicContext): boolean {
  let changed = false;
  for (let due = ctx.world.takeDue(ctx.now()); due; due = ctx.world.takeDue(ctx.now())) {
    apply(ctx, due.effect, due.atMs);
    changed = true;
  }
  return changed;
}

function apply(ctx: PublicContext, effect: AsyncEffect, atMs: number): void {
  const app = ctx.world.appById(effect.appId);
  if (!app) return;
  switch (effect.kind) {
    case "addon-ready": {
      const addon = app.addons.find((a) => a.id === effect.addonId);
      if (addon) addon.status = effect.fail === null ? "running" : "error";
      return;
    }
    case "operation-start": {
      const operation = app.operations.find((o) => o.id === effect.operationId);
      if (operation && operation.status === "pending") operation.status = "running";
      return;
    }
    case "operation-end": {
      const operation = app.operations.find((o) => o.id === effect.operationId);
      if (!operation) return;
      finishOperation(app);
      operation.status = "done";
      operation.finishedAt = isoAt(atMs);
      return;
    }
    case "backup-start":
    case "backup-end": {
      const addon = app.addons.find((a) => a.id === effect.addonId);
      const backup = addon?.backups.find((b) => b.id === effect.backupId);
      if (!addon || !backup) return;
      if (effect.kind === "backup-start") startBackup(addon, backup, atMs);
      else endBackup(app, addon, backup, effect.fail, atMs);
      return;
    }
    case "deployment-step": {
      const deployment = app.deployments.find((d) => d.id === effect.deploymentId);
      if (deployment) advanceDeployment(app, deployment, effect.status, effect.fail, atMs);
      return;
    }
    case "one-off-start": {
      const oneOff = app.oneOffs.find((o) => o.id === effect.oneOffId);
      if (oneOff) startOneOff(app, oneOff, app.operations.find((o) => o.id === effect.operationId), atMs);
      return;
    }
    case "one-off-end": {
      const oneOff = app.oneOffs.find((o) => o.id === effect.oneOffId);
      // As of its own time: a URL valid when the command ran is not expired by a late settle.
      if (oneOff) endOneOff({ ...ctx, now: () => atMs }, app, oneOff, effect.env, effect.fail, atMs);
      return;
    }
  }
}
