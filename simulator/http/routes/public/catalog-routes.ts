import { NotFoundError } from "../../../domain-errors";
import { addonKind } from "../../../world/addon-catalog";
import { providerForId, providersJson, planJson } from "../../../world/catalog/addon-providers";
import { containerSizesJson } from "../../../world/catalog/container-sizes";
import { eventTypesJson, platformsJson } from "../../../world/catalog/notifications";
import { databaseTypeById, databaseTypeJson, databaseTypesJson, databaseVersionById, databaseVersionJson } from "../../../world/catalog/database-types";
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
    .add("GET", "/v1/event_types", "bearer", (ctx) => json(200, { event_types: eventTypesJson(calledRegion(ctx).name) }))
    .add("GET", "/v1/database_types", "bearer", (ctx) => json(200, { database_types: databaseTypesJson(calledRegion(ctx)) }))
    .add("GET", "/v1/database_types/:type", "bearer", showDatabaseType)
    .add("GET", "/v1/database_type_versions/:version", "bearer", showDatabaseVersion);
}

function showDatabaseType(ctx: RouteContext): ApiResponse {
  const region = calledRegion(ctx);
  const provider = databaseTypeById(region, ctx.params.type);
  if (!provider) throw new NotFoundError("database_type");
  return json(200, { database_type: databaseTypeJson(region, provider) });
}

/** A default version of the region, or one a database of the region runs. */
function showDatabaseVersion(ctx: RouteContext): ApiResponse {
  const region = calledRegion(ctx);
  const found = databaseVersionById(region, ctx.params.version, ctx.core.world.appsIn(region.name).flatMap((app) => app.addons));
  if (!found) throw new NotFoundError("database_type_version");
  return json(200, { database_type_version: databaseVersionJson(region.name, found.provider, found.version) });
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
