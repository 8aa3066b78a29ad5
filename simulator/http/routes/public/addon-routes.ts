import { z } from "zod";
import { InvalidError } from "../../../domain-errors";
import { planForId, planJson, providerForId, providerJson } from "../../../world/catalog/addon-providers";
import { addonById, changePlan, deleteAddon, provisionAddon } from "../../../world/public/addon-ops";
import type { Addon, App } from "../../../world/types";
import { empty, json, type ApiResponse } from "../../api-response";
import { parseBody } from "../../request-schemas";
import { calledRegion, caller, type RouteContext, type Router } from "../../router";
import { callerApp } from "../app-routes";
import { callerId } from "./route-helpers";

/** Addons of an app (§2.9) and the token that opens their Database API. */
export function addAddonRoutes(router: Router): Router {
  return router
    .add("GET", "/v1/apps/:app/addons", "bearer", list)
    .add("POST", "/v1/apps/:app/addons", "bearer", provision)
    .add("GET", "/v1/apps/:app/addons/:addon", "bearer", show)
    .add("PATCH", "/v1/apps/:app/addons/:addon", "bearer", upgrade)
    .add("DELETE", "/v1/apps/:app/addons/:addon", "bearer", remove)
    .add("POST", "/v1/apps/:app/addons/:addon/token", "bearer", token);
}

const provisionBody = z.object({
  addon: z.object({ addon_provider_id: z.string(), plan_id: z.string(), options: z.record(z.string(), z.unknown()).nullish() }),
});
const upgradeBody = z.object({ addon: z.object({ plan_id: z.string() }) });

function list(ctx: RouteContext): ApiResponse {
  const app = callerApp(ctx);
  return json(200, { addons: app.addons.map((a) => addonJson(ctx, app, a)) });
}

function show(ctx: RouteContext): ApiResponse {
  const app = callerApp(ctx);
  return json(200, { addon: addonJson(ctx, app, addonById(app, ctx.params.addon)) });
}

function provision(ctx: RouteContext): ApiResponse {
  const app = callerApp(ctx);
  const { addon: input } = parseBody(provisionBody, ctx.call);
  const region = calledRegion(ctx).name;
  const provider = providerForId(region, input.addon_provider_id);
  if (!provider) {
    throw new InvalidError("addon_provider_id", `'${input.addon_provider_id}' is not an addon provider of ${region} (ids differ per region: map them by name)`);
  }
  const plan = planForId(region, provider, input.plan_id);
  if (!plan) throw new InvalidError("plan_id", `'${input.plan_id}' is not a plan of this provider in ${region} (ids differ per region: map them by name)`);
  const { addon, variables } = provisionAddon(ctx.core.publicApi, app, provider, plan, callerId(ctx));
  return json(201, { addon: addonJson(ctx, app, addon), message: `${addon.name} is being provisioned`, variables });
}

function upgrade(ctx: RouteContext): ApiResponse {
  const app = callerApp(ctx);
  const addon = addonById(app, ctx.params.addon);
  const { addon: input } = parseBody(upgradeBody, ctx.call);
  const plan = planForId(calledRegion(ctx).name, addon.providerId, input.plan_id);
  if (!plan) throw new InvalidError("plan_id", `'${input.plan_id}' is not a plan of this addon's provider here`);
  changePlan(app, addon, plan, callerId(ctx));
  return json(200, { addon: addonJson(ctx, app, addon), message: `${addon.name} plan changed to ${plan}` });
}

function remove(ctx: RouteContext): ApiResponse {
  const app = callerApp(ctx);
  deleteAddon(app, addonById(app, ctx.params.addon), callerId(ctx));
  return empty(204);
}

async function token(ctx: RouteContext): Promise<ApiResponse> {
  const app = callerApp(ctx);
  const addon = addonById(app, ctx.params.addon);
  return json(200, { addon: { id: addon.id, token: await ctx.core.tokens.issueAddonToken(caller(ctx).id, addon.id) } });
}

export function addonJson(ctx: RouteContext, app: App, addon: Addon) {
  const region = calledRegion(ctx).name;
  const provider = providerJson(region, addon.providerId);
  return {
    id: addon.id,
    app_id: app.id,
    resource_id: addon.resourceId,
    status: addon.status,
    plan: planJson(region, addon.providerId, addon.plan),
    addon_provider: { id: provider.id, name: provider.name, logo_url: provider.logo_url },
    provisioned_at: addon.provisionedAt,
    deprovisioned_at: null,
  };
}
