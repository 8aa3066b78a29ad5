import { z } from "zod";
import { alertById, createAlert, deleteAlert, goDuration, updateAlert, type AlertInput } from "../../../world/public/alert-ops";
import type { Alert, App } from "../../../world/types";
import { empty, json, type ApiResponse } from "../../api-response";
import type { RouteContext, Router } from "../../router";
import { callerApp } from "../app-routes";
import { callerId, parseEither } from "./route-helpers";

/** Alerts (§2.7). */
export function addAlertRoutes(router: Router): Router {
  return router
    .add("GET", "/v1/apps/:app/alerts", "bearer", list)
    .add("POST", "/v1/apps/:app/alerts", "bearer", create)
    .add("GET", "/v1/apps/:app/alerts/:id", "bearer", show)
    .add("PATCH", "/v1/apps/:app/alerts/:id", "bearer", update)
    .add("PUT", "/v1/apps/:app/alerts/:id", "bearer", update)
    .add("DELETE", "/v1/apps/:app/alerts/:id", "bearer", remove);
}

// go-scalingo sends remind_every as a Go duration string on create and as nanoseconds on update.
const duration = z.union([z.string(), z.number().transform(goDuration)]);
const fields = z.object({
  container_type: z.string().nullish(),
  metric: z.string().nullish(),
  limit: z.number().nullish(),
  disabled: z.boolean().nullish(),
  send_when_below: z.boolean().nullish(),
  duration_before_trigger: z.number().int().min(0).nullish(),
  remind_every: duration.nullish(),
  notifiers: z.array(z.string()).nullish(),
});
const wrapped = z.object({ alert: fields }).transform((b) => b.alert);
// go-scalingo's AlertUpdate sends the fields unwrapped; DEVDOC wraps them in `alert` (§6).
const unwrapped = fields;

function list(ctx: RouteContext): ApiResponse {
  const app = callerApp(ctx);
  return json(200, { alerts: app.alerts.map((a) => alertJson(app, a)) });
}

function show(ctx: RouteContext): ApiResponse {
  const app = callerApp(ctx);
  return json(200, { alert: alertJson(app, alertById(app, ctx.params.id)) });
}

function create(ctx: RouteContext): ApiResponse {
  const app = callerApp(ctx);
  return json(201, { alert: alertJson(app, createAlert(ctx.core.publicApi, app, input(ctx), callerId(ctx))) });
}

function update(ctx: RouteContext): ApiResponse {
  const app = callerApp(ctx);
  const alert = alertById(app, ctx.params.id);
  return json(200, { alert: alertJson(app, updateAlert(ctx.core.publicApi, app, alert, input(ctx), callerId(ctx))) });
}

function remove(ctx: RouteContext): ApiResponse {
  const app = callerApp(ctx);
  deleteAlert(app, alertById(app, ctx.params.id), callerId(ctx));
  return empty(204);
}

function input(ctx: RouteContext): AlertInput {
  const a = parseEither(ctx, wrapped, unwrapped);
  return {
    containerType: a.container_type ?? undefined,
    metric: a.metric ?? undefined,
    limit: a.limit ?? undefined,
    disabled: a.disabled ?? undefined,
    sendWhenBelow: a.send_when_below ?? undefined,
    durationBeforeTrigger: a.duration_before_trigger ?? undefined,
    remindEvery: a.remind_every ?? undefined,
    notifierIds: a.notifiers ?? undefined,
  };
}

function alertJson(app: App, a: Alert) {
  return {
    id: a.id,
    app_id: app.id,
    container_type: a.containerType,
    metric: a.metric,
    limit: a.limit,
    disabled: a.disabled,
    send_when_below: a.sendWhenBelow,
    duration_before_trigger: a.durationBeforeTrigger,
    remind_every: a.remindEvery,
    created_at: a.createdAt,
    updated_at: a.updatedAt,
    metadata: a.autoscalerId ? { autoscaler_id: a.autoscalerId } : {},
    notifiers: a.notifierIds,
  };
}
