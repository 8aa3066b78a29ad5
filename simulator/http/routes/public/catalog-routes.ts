import { NotFoundError } from "../../../domain-errors";
import { addonKind } from "../../../world/addon-catalog";
import { providerForId, providersJson, planJson } from "../../../world/catalog/addon-providers";
import { containerSizesJson } from "../../../world/catalog/container-sizes";
import { eventTypesJson, platformsJson } from "../../../world/catalog/notifications";
import { stacksJson } from "../../../world/catalog/stacks";
import { json, type ApiResponse } from "../../api-response";
import { calledRegion, type RouteContext, type Router } from "../../router";

/**
 * Catalogues (§3): stacks, container sizes, addon providers and plans, notification platforms
 * and event types. The same names in every region, different ids, so clients must map by name.
 */
export function addCatalogRoutes(router: Router): Router {
  return router
    .add("GET", "/v1/features/stacks", "bearer", (ctx) => json(200, { stacks: stacksJson(calledRegion(ctx).name) }))
    .add("GET", "/v1/features/container_sizes", "bearer", (ctx) => json(200, { container_sizes: containerSizesJson(calledRegion(ctx).name) }))
    .add("GET", "/v1/addon_providers", "optional-bearer", (ctx) => json(200, { addon_providers: providersJson(calledRegion(ctx).name) }))
    .add("GET", "/v1/addon_providers/:provider/plans", "optional-bearer", listPlans)
    .add("GET", "/v1/notification_platforms", "optional-bearer", (ctx) => json(200, { notification_platforms: platformsJson(calledRegion(ctx).name) }))
    .add("GET", "/v1/notification_platforms/search", "optional-bearer", searchPlatforms)
    .add("GET", "/v1/event_types", "bearer", (ctx) => json(200, { event_types: eventTypesJson(calledRegion(ctx).name) }));
}

function listPlans(ctx: RouteContext): ApiResponse {
  const region = calledRegion(ctx).name;
  const provider = providerForId(region, ctx.params.provider);
  if (!provider) throw new NotFoundError("addon_provider");
  return json(200, { plans: addonKind(provider).plans.map((plan) => planJson(region, provider, plan)) });
}

function searchPlatforms(ctx: RouteContext): ApiResponse {
  const name = ctx.call.query.get("name") ?? "";
  return json(200, { notification_platforms: platformsJson(calledRegion(ctx).name).filter((p) => p.name === name) });
}
