import { z } from "zod";
import { autoscalerById, createAutoscaler, deleteAutoscaler, updateAutoscaler, type AutoscalerInput } from "../../../world/public/autoscaler-ops";
import type { App, Autoscaler } from "../../../world/types";
import { empty, json, type ApiResponse } from "../../api-response";
import type { RouteContext, Router } from "../../router";
import { callerApp } from "../app-routes";
import { callerId, parseEither } from "./route-helpers";

/** Autoscalers (§2.2). */
export function addAutoscalerRoutes(router: Router): Router {
  return router
    .add("GET", "/v1/apps/:app/autoscalers", "bearer", list)
    .add("POST", "/v1/apps/:app/autoscalers", "bearer", create)
    .add("GET", "/v1/apps/:app/autoscalers/:id", "bearer", show)
    .add("PATCH", "/v1/apps/:app/autoscalers/:id", "bearer", update)
    .add("PUT", "/v1/apps/:app/autoscalers/:id", "bearer", update)
    .add("DELETE", "/v1/apps/:app/autoscalers/:id", "bearer", remove);
}

const fields = z.object({
  container_type: z.string().nullish(),
  metric: z.string().nullish(),
  target: z.number().nullish(),
  min_containers: z.number().int().nullish(),
  max_containers: z.number().int().nullish(),
  disabled: z.boolean().nullish(),
});
const wrapped = z.object({ autoscaler: fields }).transform((b) => b.autoscaler);
// go-scalingo's AutoscalerUpdate sends the fields unwrapped; DEVDOC wraps them (§6).
const unwrapped = fields;

function list(ctx: RouteContext): ApiResponse {
  const app = callerApp(ctx);
  return json(200, { autoscalers: app.autoscalers.map((a) => autoscalerJson(app, a)) });
}

function show(ctx: RouteContext): ApiResponse {
  const app = callerApp(ctx);
  return json(200, { autoscaler: autoscalerJson(app, autoscalerById(app, ctx.params.id)) });
}

function create(ctx: RouteContext): ApiResponse {
  const app = callerApp(ctx);
  return json(201, { autoscaler: autoscalerJson(app, createAutoscaler(ctx.core.publicApi, app, input(ctx), callerId(ctx))) });
}

function update(ctx: RouteContext): ApiResponse {
  const app = callerApp(ctx);
  const autoscaler = autoscalerById(app, ctx.params.id);
  return json(200, { autoscaler: autoscalerJson(app, updateAutoscaler(app, autoscaler, input(ctx), callerId(ctx))) });
}

function remove(ctx: RouteContext): ApiResponse {
  const app = callerApp(ctx);
  deleteAutoscaler(app, autoscalerById(app, ctx.params.id), callerId(ctx));
  return empty(204);
}

function input(ctx: RouteContext): AutoscalerInput {
  const a = parseEither(ctx, wrapped, unwrapped);
  return {
    containerType: a.container_type ?? undefined,
    metric: a.metric ?? undefined,
    target: a.target ?? undefined,
    minContainers: a.min_containers ?? undefined,
    maxContainers: a.max_containers ?? undefined,
    disabled: a.disabled ?? undefined,
  };
}

function autoscalerJson(app: App, a: Autoscaler) {
  return {
    id: a.id,
    app_id: app.id,
    container_type: a.containerType,
    metric: a.metric,
    target: a.target,
    min_containers: a.minContainers,
    max_containers: a.maxContainers,
    disabled: a.disabled,
    alert_id_scale_up: a.alertIdScaleUp,
    alert_id_scale_down: a.alertIdScaleDown,
  };
}
