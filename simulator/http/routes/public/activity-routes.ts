import { formatLogLine } from "../../../world/public/app-activity";
import type { App, AppEvent } from "../../../world/types";
import { json, text, type ApiResponse } from "../../api-response";
import type { RouteContext, Router } from "../../router";
import { callerApp } from "../app-routes";
import { appView, paginate } from "./route-helpers";

/** An app's events (paginated, newest first) and its logs (a signed URL, then plain text lines). */
export function addActivityRoutes(router: Router): Router {
  return router.add("GET", "/v1/apps/:app/events", "bearer", events).add("GET", "/v1/apps/:app/logs", "bearer", logsUrl);
}

export const LOGS_PATH = "/_logs";
/** A logs URL stays valid an hour, whatever the pre-signed storage URLs' lifetime. */
const LOGS_URL_TTL_MS = 3_600_000;

function events(ctx: RouteContext): ApiResponse {
  const app = callerApp(ctx);
  const page = paginate([...app.events].reverse(), ctx.call.query, 30);
  return json(200, { events: page.items.map((e) => eventJson(ctx, app, e)), meta: page.meta });
}

function logsUrl(ctx: RouteContext): ApiResponse {
  const app = callerApp(ctx);
  const expires = ctx.core.publicApi.now() + LOGS_URL_TTL_MS;
  const signed = ctx.core.signer.sign(ctx.publicUrl, "GET", `${LOGS_PATH}/${app.id}`, expires);
  // go-scalingo's Logs() forwards only `token` and `timestamp` from the URL's query.
  const url = new URL(signed);
  return json(200, {
    app: appView(ctx, app),
    logs_url: `${ctx.publicUrl}${LOGS_PATH}/${app.id}?token=${url.searchParams.get("signature")}&timestamp=${expires}`,
  });
}

/** `GET /_logs/:app?token&timestamp&n`: the last `n` lines (default 100), as Scalingo's log service. */
export function serveLogs(ctx: RouteContext): ApiResponse {
  const query = new URLSearchParams({ expires: ctx.call.query.get("timestamp") ?? "", signature: ctx.call.query.get("token") ?? "" });
  const verdict = ctx.core.signer.check("GET", `${LOGS_PATH}/${ctx.params.app}`, query, ctx.core.publicApi.now());
  if (verdict !== "ok") return text(401, verdict === "expired" ? "token expired\n" : "invalid token\n");
  const app = ctx.core.world.appById(ctx.params.app);
  if (!app) return text(404, "app not found\n");
  const n = Number(ctx.call.query.get("n") || 100);
  const filter = ctx.call.query.get("filter") ?? "";
  const lines = app.logs.filter((l) => filter === "" || l.source.startsWith(filter)).slice(-Math.max(1, n));
  return text(200, lines.map(formatLogLine).join("\n") + (lines.length > 0 ? "\n" : ""));
}

function eventJson(ctx: RouteContext, app: App, e: AppEvent) {
  const user = e.userId ? ctx.core.world.account(e.userId) : undefined;
  const project = ctx.core.world.current.projects.find((p) => p.id === app.projectId);
  return {
    id: e.id,
    app_id: app.id,
    created_at: e.createdAt,
    user: { id: user?.id ?? "", username: user?.username ?? "scalingo", email: user?.email ?? "deploy@scalingo.com" },
    type: e.type,
    app_name: app.name,
    type_data: e.typeData,
    project_id: app.projectId,
    project_name: project?.name ?? "default",
  };
}
