import { z } from "zod";
import { InvalidError, NotFoundError } from "../../domain-errors";
import { stackNameForId } from "../../world/catalog/stacks";
import { projectsOf } from "../../world/projects";
import { createApp } from "../../world/public/app-ops";
import type { App } from "../../world/types";
import { empty, json, type ApiResponse } from "../api-response";
import { parseBody, updateAppBody } from "../request-schemas";
import { calledRegion, caller, type RouteContext, type Router } from "../router";
import { appView } from "./public/route-helpers";

/** Apps (§2.1): list, show, create (with `X-Dry-Run`), settings by PATCH and PUT, delete. */
export function addAppRoutes(router: Router): Router {
  return router
    .add("GET", "/v1/apps", "bearer", listApps)
    .add("POST", "/v1/apps", "bearer", createAppRoute)
    .add("GET", "/v1/apps/:app", "bearer", showApp)
    .add("PATCH", "/v1/apps/:app", "bearer", updateApp)
    .add("PUT", "/v1/apps/:app", "bearer", updateAppUnwrapped)
    .add("DELETE", "/v1/apps/:app", "bearer", deleteApp);
}

/** The app named (or with the id) in the URL, in the region called, if the caller owns it. */
export function callerApp(ctx: RouteContext): App {
  const app = ctx.core.world.findApp(calledRegion(ctx).name, ctx.params.app, caller(ctx).id);
  if (!app) throw new NotFoundError("app");
  return app;
}

const createAppBody = z.object({
  app: z.object({
    name: z.string(),
    stack_id: z.string().optional(),
    project_id: z.string().optional(),
    hds_resource: z.boolean().optional(),
    parent_id: z.string().optional(),
    git_source: z.string().optional(),
  }),
});

/** go-scalingo's appsUpdate: the settings at the top level, by PUT (§6). */
const settingsFields = {
  force_https: z.boolean().optional(),
  sticky_session: z.boolean().optional(),
  router_logs: z.boolean().optional(),
  stack_id: z.string().optional(),
  project_id: z.string().optional(),
};
const unwrappedSettingsBody = z.object(settingsFields);

function listApps(ctx: RouteContext): ApiResponse {
  const account = caller(ctx);
  const apps = ctx.core.world.appsIn(calledRegion(ctx).name, account.id);
  return json(200, { apps: apps.map((app) => appView(ctx, app)) });
}

function showApp(ctx: RouteContext): ApiResponse {
  return json(200, { app: appView(ctx, callerApp(ctx)) });
}

function createAppRoute(ctx: RouteContext): ApiResponse {
  const { app: input } = parseBody(createAppBody, ctx.call);
  const region = calledRegion(ctx).name;
  if (input.parent_id !== undefined) throw new InvalidError("parent_id", "child apps are not modelled by the simulator");
  const dryRun = String(ctx.call.headers["x-dry-run"] ?? "").toLowerCase() === "true";
  const app = createApp(
    ctx.core.publicApi,
    region,
    caller(ctx),
    { name: input.name, stack: input.stack_id === undefined ? undefined : stackName(region, input.stack_id), projectId: input.project_id, hdsResource: input.hds_resource },
    dryRun,
  );
  return json(201, { app: appView(ctx, app) });
}

function updateApp(ctx: RouteContext): ApiResponse {
  const { app: settings } = parseBody(updateAppBody, ctx.call);
  return applySettings(ctx, settings);
}

function updateAppUnwrapped(ctx: RouteContext): ApiResponse {
  return applySettings(ctx, parseBody(unwrappedSettingsBody, ctx.call));
}

function applySettings(ctx: RouteContext, settings: z.output<typeof unwrappedSettingsBody>): ApiResponse {
  const app = callerApp(ctx);
  const region = calledRegion(ctx).name;
  if (settings.project_id !== undefined && !projectsOf(ctx.core.world.current, region, app.ownerId).some((p) => p.id === settings.project_id)) {
    throw new InvalidError("project_id", `no project of yours in ${region} has the id '${settings.project_id}'`);
  }
  ctx.core.apps.update(app, {
    forceHttps: settings.force_https,
    stickySession: settings.sticky_session,
    routerLogs: settings.router_logs,
    stack: settings.stack_id === undefined ? undefined : stackName(region, settings.stack_id),
    projectId: settings.project_id,
  });
  return json(200, { app: appView(ctx, app) });
}

function deleteApp(ctx: RouteContext): ApiResponse {
  ctx.core.apps.delete(callerApp(ctx), ctx.call.query.get("current_name"));
  return empty(204);
}

/** Stack ids are per region: an id from another region is refused, naming the mistake. */
function stackName(region: string, id: string): string {
  const name = stackNameForId(region, id);
  if (!name) throw new InvalidError("stack_id", `'${id}' is not a stack of ${region} (stack ids differ per region: map them by name)`);
  return name;
}
