import { z } from "zod";
import { containerSizeJson } from "../../../world/catalog/container-sizes";
import { operationById, restart, scale } from "../../../world/public/formation-ops";
import type { App, Operation } from "../../../world/types";
import { empty, json, type ApiResponse } from "../../api-response";
import { parseBody, scaleBody } from "../../request-schemas";
import { calledRegion, type RouteContext, type Router } from "../../router";
import { callerApp } from "../app-routes";
import { callerId, regionBase } from "./route-helpers";

/** Formation, running containers, scale and restart with their operations (§2.2). */
export function addFormationRoutes(router: Router): Router {
  return router
    .add("GET", "/v1/apps/:app/containers", "bearer", listContainerTypes)
    .add("GET", "/v1/apps/:app/ps", "bearer", listRunning)
    .add("POST", "/v1/apps/:app/scale", "bearer", scaleRoute)
    .add("POST", "/v1/apps/:app/restart", "bearer", restartRoute)
    .add("GET", "/v1/apps/:app/operations/:id", "bearer", showOperation);
}

const restartBody = z.union([z.undefined(), z.object({ scope: z.array(z.string()).nullish() })]);

function listContainerTypes(ctx: RouteContext): ApiResponse {
  const app = callerApp(ctx);
  return json(200, { containers: app.formation.map((f) => ({ app_id: app.id, name: f.name, amount: f.amount, size: f.size, command: f.command ?? "" })) });
}

function listRunning(ctx: RouteContext): ApiResponse {
  const app = callerApp(ctx);
  const region = calledRegion(ctx).name;
  const state = app.status === "scaling" || app.status === "restarting" ? app.status : "running";
  const running = app.status === "stopped" || app.status === "new" ? [] : app.formation.flatMap((f) =>
    Array.from({ length: f.amount }, (_, i) => ({
      id: `${app.id}-${f.name}-${i + 1}`,
      app_id: app.id,
      created_at: app.updatedAt,
      command: f.command ?? "",
      type: f.name,
      type_index: i + 1,
      label: `${f.name}-${i + 1}`,
      state,
      container_size: containerSizeJson(region, f.size),
    })),
  );
  const oneOffs = app.oneOffs.map((o, i) => ({
    id: o.id,
    app_id: app.id,
    created_at: o.createdAt,
    command: o.command,
    type: "one-off",
    type_index: i + 1,
    label: o.label,
    state: o.state,
    container_size: containerSizeJson(region, o.size),
  }));
  return json(200, { containers: [...running, ...oneOffs] });
}

function scaleRoute(ctx: RouteContext): ApiResponse {
  const app = callerApp(ctx);
  const { containers } = parseBody(scaleBody, ctx.call);
  const { operation } = scale(ctx.core.publicApi, app, containers, callerId(ctx));
  const formation = { containers: app.formation.map((f) => ({ name: f.name, amount: f.amount, size: f.size })) };
  // Before the first deployment Scalingo scales at once (200); after it, an operation runs (202).
  if (!operation) return json(200, formation);
  return json(202, formation, { Location: operationUrl(ctx, app, operation) });
}

function restartRoute(ctx: RouteContext): ApiResponse {
  const app = callerApp(ctx);
  const body = parseBody(restartBody, ctx.call);
  const operation = restart(ctx.core.publicApi, app, body?.scope ?? [], callerId(ctx));
  return empty(202, { Location: operationUrl(ctx, app, operation) });
}

function showOperation(ctx: RouteContext): ApiResponse {
  const app = callerApp(ctx);
  return json(200, { operation: operationJson(app, operationById(app, ctx.params.id)) });
}

export function operationUrl(ctx: RouteContext, app: App, operation: Operation): string {
  return `${regionBase(ctx)}/v1/apps/${app.name}/operations/${operation.id}`;
}

function operationJson(app: App, o: Operation) {
  return {
    id: o.id,
    app_id: app.id,
    created_at: o.createdAt,
    finished_at: o.finishedAt,
    status: o.status,
    type: o.type,
    error: o.error,
    ...(o.type === "start-one-off" ? { start_one_off_data: { attach_url: "", container_id: o.containerId ?? "" } } : {}),
  };
}
