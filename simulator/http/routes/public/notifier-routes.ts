import { z } from "zod";
import { InvalidError } from "../../../domain-errors";
import { eventTypeId, eventTypeNameForId, platformId, platformNameForId } from "../../../world/catalog/notifications";
import { createNotifier, deleteNotifier, notifierById, updateNotifier, type NotifierInput } from "../../../world/public/notifier-ops";
import type { App, Notifier } from "../../../world/types";
import { empty, json, type ApiResponse } from "../../api-response";
import { calledRegion, type RouteContext, type Router } from "../../router";
import { callerApp } from "../app-routes";
import { callerId, parseEither } from "./route-helpers";

/** Notifiers (§2.7): platform and event ids are this region's; others are refused by name. */
export function addNotifierRoutes(router: Router): Router {
  return router
    .add("GET", "/v1/apps/:app/notifiers", "bearer", list)
    .add("POST", "/v1/apps/:app/notifiers", "bearer", create)
    .add("GET", "/v1/apps/:app/notifiers/:id", "bearer", show)
    .add("PATCH", "/v1/apps/:app/notifiers/:id", "bearer", update)
    .add("PUT", "/v1/apps/:app/notifiers/:id", "bearer", update)
    .add("DELETE", "/v1/apps/:app/notifiers/:id", "bearer", remove);
}

const fields = z.object({
  platform_id: z.string().nullish(),
  name: z.string().nullish(),
  active: z.boolean().nullish(),
  send_all_alerts: z.boolean().nullish(),
  send_all_events: z.boolean().nullish(),
  selected_event_ids: z.array(z.string()).nullish(),
  type_data: z
    .object({ webhook_url: z.string().nullish(), emails: z.array(z.string()).nullish(), user_ids: z.array(z.string()).nullish(), phone_number: z.string().nullish() })
    .nullish(),
});
// go-scalingo sends `notifier`; DEVDOC's example root is `notifiers` (§6): both are accepted.
const body = z.object({ notifier: fields });
const docBody = z.object({ notifiers: fields }).transform((b) => ({ notifier: b.notifiers }));

function list(ctx: RouteContext): ApiResponse {
  const app = callerApp(ctx);
  return json(200, { notifiers: app.notifiers.map((n) => notifierJson(ctx, app, n)) });
}

function show(ctx: RouteContext): ApiResponse {
  const app = callerApp(ctx);
  return json(200, { notifier: notifierJson(ctx, app, notifierById(app, ctx.params.id)) });
}

function create(ctx: RouteContext): ApiResponse {
  const app = callerApp(ctx);
  const created = createNotifier(ctx.core.publicApi, app, input(ctx), callerId(ctx));
  return json(201, { notifier: notifierJson(ctx, app, created) });
}

function update(ctx: RouteContext): ApiResponse {
  const app = callerApp(ctx);
  const notifier = notifierById(app, ctx.params.id);
  return json(200, { notifier: notifierJson(ctx, app, updateNotifier(ctx.core.publicApi, app, notifier, input(ctx), callerId(ctx))) });
}

function remove(ctx: RouteContext): ApiResponse {
  const app = callerApp(ctx);
  deleteNotifier(app, notifierById(app, ctx.params.id), callerId(ctx));
  return empty(204);
}

function input(ctx: RouteContext): NotifierInput {
  const { notifier: n } = parseEither(ctx, body, docBody);
  const region = calledRegion(ctx).name;
  let platform: string | undefined;
  if (n.platform_id) {
    platform = platformNameForId(region, n.platform_id);
    if (!platform) throw new InvalidError("platform_id", `'${n.platform_id}' is not a notification platform of ${region} (ids differ per region: map them by name)`);
  }
  const selectedEvents = n.selected_event_ids?.map((id) => {
    const name = eventTypeNameForId(region, id);
    if (!name) throw new InvalidError("selected_event_ids", `'${id}' is not an event type of ${region} (ids differ per region: map them by name)`);
    return name;
  });
  const data = n.type_data ?? undefined;
  return {
    name: n.name ?? undefined,
    platform,
    active: n.active ?? undefined,
    sendAllAlerts: n.send_all_alerts ?? undefined,
    sendAllEvents: n.send_all_events ?? undefined,
    selectedEvents,
    typeData: data ? definedOnly({ webhookUrl: data.webhook_url, emails: data.emails, userIds: data.user_ids, phoneNumber: data.phone_number }) : undefined,
  };
}

/** go-scalingo sends `type_data: {}` on updates that do not change it: keep only what was given. */
function definedOnly<T extends Record<string, unknown>>(values: T): { [K in keyof T]?: NonNullable<T[K]> } {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined && v !== null && v !== "")) as { [K in keyof T]?: NonNullable<T[K]> };
}

function notifierJson(ctx: RouteContext, app: App, n: Notifier) {
  const region = calledRegion(ctx).name;
  return {
    id: n.id,
    app_id: app.id,
    active: n.active,
    name: n.name,
    type: n.type,
    send_all_alerts: n.sendAllAlerts,
    send_all_events: n.sendAllEvents,
    selected_event_ids: n.selectedEvents.map((e) => eventTypeId(region, e)),
    type_data:
      n.type === "email" ? { emails: n.typeData.emails ?? [], user_ids: n.typeData.userIds ?? [] } : { webhook_url: n.typeData.webhookUrl ?? "" },
    platform_id: platformId(region, n.type),
    created_at: n.createdAt,
    updated_at: n.updatedAt,
  };
}
