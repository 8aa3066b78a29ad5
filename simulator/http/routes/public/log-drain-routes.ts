import { z } from "zod";
import { addonById } from "../../../world/public/addon-ops";
import { addDrain, removeDrain } from "../../../world/public/log-drain-ops";
import type { App, LogDrain } from "../../../world/types";
import { empty, json, type ApiResponse } from "../../api-response";
import { parseBody } from "../../request-schemas";
import type { RouteContext, Router } from "../../router";
import { callerApp } from "../app-routes";
import { callerId } from "./route-helpers";

/** Log drains of an app and of its addons (§2.7): listed by encoded URL, deleted by it. */
export function addLogDrainRoutes(router: Router): Router {
  return router
    .add("GET", "/v1/apps/:app/log_drains", "bearer", (ctx) => list(ctx, callerApp(ctx).logDrains))
    .add("POST", "/v1/apps/:app/log_drains", "bearer", (ctx) => create(ctx, callerApp(ctx).logDrains))
    .add("DELETE", "/v1/apps/:app/log_drains", "bearer", (ctx) => remove(ctx, callerApp(ctx).logDrains))
    .add("GET", "/v1/apps/:app/addons/:addon/log_drains", "bearer", (ctx) => list(ctx, addonDrains(ctx)))
    .add("POST", "/v1/apps/:app/addons/:addon/log_drains", "bearer", (ctx) => create(ctx, addonDrains(ctx)))
    .add("DELETE", "/v1/apps/:app/addons/:addon/log_drains", "bearer", (ctx) => remove(ctx, addonDrains(ctx)));
}

const createBody = z.object({
  drain: z.object({
    type: z.string(),
    url: z.string().nullish(),
    host: z.string().nullish(),
    port: z.union([z.string(), z.number().transform(String)]).nullish(),
    token: z.string().nullish(),
    drain_region: z.string().nullish(),
  }),
});

function addonDrains(ctx: RouteContext): LogDrain[] {
  return addonById(callerApp(ctx), ctx.params.addon).logDrains;
}

function list(ctx: RouteContext, drains: LogDrain[]): ApiResponse {
  const app = callerApp(ctx);
  return json(200, { drains: drains.map((d) => drainJson(app, d)) });
}

function create(ctx: RouteContext, drains: LogDrain[]): ApiResponse {
  const app = callerApp(ctx);
  const { drain: d } = parseBody(createBody, ctx.call);
  const drain = addDrain(
    app,
    drains,
    { type: d.type, url: d.url || undefined, host: d.host || undefined, port: d.port || undefined, token: d.token || undefined, drainRegion: d.drain_region || undefined },
    callerId(ctx),
  );
  return json(201, { drain: drainJson(app, drain) });
}

function remove(ctx: RouteContext, drains: LogDrain[]): ApiResponse {
  removeDrain(callerApp(ctx), drains, ctx.call.query.get("url") ?? "", callerId(ctx));
  return empty(204);
}

function drainJson(app: App, d: LogDrain) {
  return { app_id: app.id, url: d.url };
}
