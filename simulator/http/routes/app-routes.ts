import { NotFoundError } from "../../domain-errors";
import { appJson, domainJson } from "../../world/app-views";
import type { App } from "../../world/types";
import { empty, json, type ApiResponse } from "../api-response";
import { parseBody, scaleBody, updateAppBody } from "../request-schemas";
import { calledRegion, caller, type RouteContext, type Router } from "../router";

/** The app routes a migration client reads, and the writes a migration forbids. */
export function addAppRoutes(router: Router): Router {
  return router
    .add("GET", "/v1/apps", "bearer", listApps)
    .add("GET", "/v1/apps/:app", "bearer", showApp)
    .add("PATCH", "/v1/apps/:app", "bearer", updateApp)
    .add("DELETE", "/v1/apps/:app", "bearer", deleteApp)
    .add("GET", "/v1/apps/:app/domains", "bearer", listDomains)
    .add("POST", "/v1/apps/:app/scale", "bearer", scaleApp);
}

/** The app named (or with the id) in the URL, in the region called, if the caller owns it. */
export function callerApp(ctx: RouteContext): App {
  const app = ctx.core.world.findApp(calledRegion(ctx).name, ctx.params.app, caller(ctx).id);
  if (!app) throw new NotFoundError("app");
  return app;
}

function listApps(ctx: RouteContext): ApiResponse {
  const account = caller(ctx);
  const apps = ctx.core.world.appsIn(calledRegion(ctx).name, account.id);
  return json(200, { apps: apps.map((app) => appJson(app, account)) });
}

function showApp(ctx: RouteContext): ApiResponse {
  return json(200, { app: appJson(callerApp(ctx), caller(ctx)) });
}

function updateApp(ctx: RouteContext): ApiResponse {
  const app = callerApp(ctx);
  const { app: settings } = parseBody(updateAppBody, ctx.call);
  ctx.core.apps.update(app, {
    forceHttps: settings.force_https,
    stickySession: settings.sticky_session,
    routerLogs: settings.router_logs,
  });
  return json(200, { app: appJson(app, caller(ctx)) });
}

function deleteApp(ctx: RouteContext): ApiResponse {
  ctx.core.apps.delete(callerApp(ctx), ctx.call.query.get("current_name"));
  return empty(204);
}

function listDomains(ctx: RouteContext): ApiResponse {
  const app = callerApp(ctx);
  return json(200, { domains: app.domains.map((domain) => domainJson(app, domain)) });
}

function scaleApp(ctx: RouteContext): ApiResponse {
  const app = callerApp(ctx);
  const { containers } = parseBody(scaleBody, ctx.call);
  const formation = ctx.core.apps.scale(app, containers);
  return json(202, { containers: formation.map((f) => ({ ...f })) });
}
