import { z } from "zod";
import { createLink, deleteLink, linkUrl, manualDeploy, requireLink, updateLink, type LinkSettings } from "../../../world/public/scm-ops";
import type { App, ScmLink } from "../../../world/types";
import { empty, json, type ApiResponse } from "../../api-response";
import { parseBody } from "../../request-schemas";
import { caller, type RouteContext, type Router } from "../../router";
import { callerApp } from "../app-routes";
import { deploymentJson } from "./deployment-routes";
import { callerId } from "./route-helpers";

/** The SCM link of an app (§2.5). */
export function addScmRoutes(router: Router): Router {
  return router
    .add("GET", "/v1/apps/:app/scm_repo_link", "bearer", show)
    .add("POST", "/v1/apps/:app/scm_repo_link", "bearer", create)
    .add("PATCH", "/v1/apps/:app/scm_repo_link", "bearer", update)
    .add("DELETE", "/v1/apps/:app/scm_repo_link", "bearer", remove)
    .add("POST", "/v1/apps/:app/scm_repo_link/manual_deploy", "bearer", deploy)
    .add("GET", "/v1/apps/:app/scm_repo_link/deployments", "bearer", deployments);
}

const settings = {
  branch: z.string().nullish(),
  auto_deploy_enabled: z.boolean().nullish(),
  deploy_review_apps_enabled: z.boolean().nullish(),
  delete_on_close_enabled: z.boolean().nullish(),
  hours_before_delete_on_close: z.number().int().min(0).nullish(),
  delete_stale_enabled: z.boolean().nullish(),
  hours_before_delete_stale: z.number().int().min(0).nullish(),
  automatic_creation_from_forks_allowed: z.boolean().nullish(),
};
const createBody = z.object({ scm_repo_link: z.object({ source: z.string(), auth_integration_uuid: z.string(), ...settings }) });
const updateBody = z.object({ scm_repo_link: z.object(settings) });
const deployBody = z.object({ branch: z.string().min(1) });

function show(ctx: RouteContext): ApiResponse {
  const app = callerApp(ctx);
  return json(200, { scm_repo_link: linkJson(ctx, app, requireLink(app)) });
}

function create(ctx: RouteContext): ApiResponse {
  const app = callerApp(ctx);
  const { scm_repo_link: input } = parseBody(createBody, ctx.call);
  const link = createLink(ctx.core.publicApi, app, caller(ctx), input.source, input.auth_integration_uuid, linkSettings(input));
  return json(201, { scm_repo_link: linkJson(ctx, app, link) });
}

function update(ctx: RouteContext): ApiResponse {
  const app = callerApp(ctx);
  const { scm_repo_link: input } = parseBody(updateBody, ctx.call);
  return json(200, { scm_repo_link: linkJson(ctx, app, updateLink(ctx.core.publicApi, app, linkSettings(input), callerId(ctx))) });
}

function remove(ctx: RouteContext): ApiResponse {
  deleteLink(callerApp(ctx), callerId(ctx));
  return empty(204);
}

function deploy(ctx: RouteContext): ApiResponse {
  const app = callerApp(ctx);
  const { branch } = parseBody(deployBody, ctx.call);
  return json(200, { deployment: deploymentJson(ctx, app, manualDeploy(ctx.core.publicApi, app, branch, callerId(ctx))) });
}

function deployments(ctx: RouteContext): ApiResponse {
  const app = callerApp(ctx);
  requireLink(app);
  return json(200, { deployments: [...app.deployments].reverse().filter((d) => !d.sourceUrl).map((d) => deploymentJson(ctx, app, d)) });
}

function linkSettings(input: { [K in keyof typeof settings]?: z.output<(typeof settings)[K]> }): LinkSettings {
  return {
    branch: input.branch ?? undefined,
    autoDeployEnabled: input.auto_deploy_enabled ?? undefined,
    deployReviewAppsEnabled: input.deploy_review_apps_enabled ?? undefined,
    deleteOnCloseEnabled: input.delete_on_close_enabled ?? undefined,
    hoursBeforeDeleteOnClose: input.hours_before_delete_on_close ?? undefined,
    deleteStaleEnabled: input.delete_stale_enabled ?? undefined,
    hoursBeforeDeleteStale: input.hours_before_delete_stale ?? undefined,
    automaticCreationFromForksAllowed: input.automatic_creation_from_forks_allowed ?? undefined,
  };
}

function linkJson(ctx: RouteContext, app: App, link: ScmLink) {
  const linker = link.linkerId ? ctx.core.world.account(link.linkerId) : undefined;
  return {
    id: link.id ?? "",
    app_id: app.id,
    linker: { id: linker?.id ?? "", username: linker?.username ?? "", email: linker?.email ?? "" },
    url: linkUrl(link).replace(/\/[^/]+\/[^/]+$/, ""),
    owner: link.owner,
    repo: link.repo,
    branch: link.branch,
    scm_type: link.type,
    created_at: link.createdAt ?? app.createdAt,
    updated_at: link.updatedAt ?? app.createdAt,
    auto_deploy_enabled: link.autoDeployEnabled ?? false,
    auth_integration_uuid: link.authIntegrationUuid ?? "",
    deploy_review_apps_enabled: link.deployReviewAppsEnabled ?? false,
    delete_on_close_enabled: link.deleteOnCloseEnabled ?? false,
    delete_stale_enabled: link.deleteStaleEnabled ?? false,
    hours_before_delete_on_close: link.hoursBeforeDeleteOnClose ?? 0,
    hours_before_delete_stale: link.hoursBeforeDeleteStale ?? 0,
    last_auto_deploy_at: null,
    automatic_creation_from_forks_allowed: link.automaticCreationFromForksAllowed ?? false,
  };
}
