import { InvalidError, NotFoundError } from "../../domain-errors";
import { requireWritable } from "../app-operations";
import { isContainerSize } from "../catalog/container-sizes";
import { uuid } from "../ids";
import type { App, Operation } from "../types";
import { recordEvent } from "./app-activity";
import { isoAt, type PublicContext } from "./context";

/** Scale, restart and their operations (§2.2): asynchronous once the app has been deployed. */

export const MAX_CONTAINERS_PER_TYPE = 10;

export interface ScaleChange {
  name: string;
  amount: number;
  size?: string;
}

export type ScaleResult = { operation: Operation | null };

export function isDeployed(app: App): boolean {
  return app.lastDeployment !== null;
}

export function scale(ctx: PublicContext, app: App, changes: ScaleChange[], userId: string): ScaleResult {
  requireWritable(app);
  for (const change of changes) {
    if (change.amount > MAX_CONTAINERS_PER_TYPE) {
      throw new InvalidError("containers", `cannot scale '${change.name}' to ${change.amount}: at most ${MAX_CONTAINERS_PER_TYPE} containers per type`);
    }
    if (change.size !== undefined && !isContainerSize(change.size)) throw new InvalidError("containers", `unknown container size '${change.size}'`);
  }
  const previous = formationSummary(app);
  // Before the first deployment there are no process types yet: Scalingo records the amounts
  // (the "web-less app" recipe scales web to 0 first) and answers 200 at once.
  if (!isDeployed(app)) {
    for (const change of changes) applyChange(app, change, true);
    app.updatedAt = isoAt(ctx.now());
    recordEvent(app, "scale", userId, { previous_containers: previous, containers: formationSummary(app) }, ctx.now());
    return { operation: null };
  }
  for (const change of changes) {
    if (!app.formation.some((f) => f.name === change.name)) throw new NotFoundError("container_type");
  }
  requireNoOperationRunning(app);
  // The formation (what `GET …/containers` shows) changes at once; the containers follow
  // during the operation, and the app's status says so.
  for (const change of changes) applyChange(app, change, false);
  const operation = startOperation(ctx, app, "scale");
  app.status = "scaling";
  recordEvent(app, "scale", userId, { previous_containers: previous, containers: formationSummary(app) }, ctx.now());
  return { operation };
}

export function restart(ctx: PublicContext, app: App, scope: string[], userId: string): Operation {
  requireWritable(app);
  requireNoOperationRunning(app);
  for (const type of scope) {
    if (!app.formation.some((f) => f.name === type)) throw new NotFoundError("container_type");
  }
  const operation = startOperation(ctx, app, "restart");
  app.status = "restarting";
  recordEvent(app, "restart", userId, { scope }, ctx.now());
  return operation;
}

/** At the end of a scale or restart, the app's status follows its containers again. */
export function finishOperation(app: App): void {
  app.status = app.formation.some((f) => f.amount > 0) ? "running" : "stopped";
}

export function operationById(app: App, id: string): Operation {
  const operation = app.operations.find((o) => o.id === id);
  if (!operation) throw new NotFoundError("operation");
  return operation;
}

function startOperation(ctx: PublicContext, app: App, type: Operation["type"]): Operation {
  const now = ctx.now();
  const operation: Operation = { id: uuid(), type, status: "pending", createdAt: isoAt(now), finishedAt: null, error: "", containerId: null };
  app.operations.push(operation);
  if (app.operations.length > 50) app.operations.splice(0, app.operations.length - 50);
  const duration = ctx.timings.get().operation;
  ctx.world.schedule(now + duration * 0.25, { kind: "operation-start", appId: app.id, operationId: operation.id });
  ctx.world.schedule(now + duration, { kind: "operation-end", appId: app.id, operationId: operation.id });
  return operation;
}

/** "No other operation is doable until the app status has switched to running again." */
function requireNoOperationRunning(app: App): void {
  const running = app.operations.find((o) => (o.type === "scale" || o.type === "restart") && (o.status === "pending" || o.status === "running"));
  if (running) throw new InvalidError("app", `an operation (${running.type}) is already running on this app; wait until it ends`);
}

function applyChange(app: App, change: ScaleChange, createMissing: boolean): void {
  let entry = app.formation.find((f) => f.name === change.name);
  if (!entry) {
    if (!createMissing) return;
    entry = { name: change.name, amount: 0, size: "M" };
    app.formation.push(entry);
  }
  entry.amount = change.amount;
  if (change.size !== undefined) entry.size = change.size;
}

function formationSummary(app: App): Record<string, string> {
  return Object.fromEntries(app.formation.map((f) => [f.name, `${f.amount}:${f.size}`]));
}
