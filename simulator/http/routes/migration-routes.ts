import { migrationJson } from "../../migrations/migration-json";
import { empty, json, type ApiResponse } from "../api-response";
import { createMigrationBody, parseBody, runStepBody } from "../request-schemas";
import type { RouteContext, Router } from "../router";
import { callerApp } from "./app-routes";

/** Region migrations, on the source region's API (contract §3). */
export function addMigrationRoutes(router: Router): Router {
  return router
    .add("POST", "/v1/apps/:app/region_migrations", "bearer", createMigration)
    .add("GET", "/v1/apps/:app/region_migrations", "bearer", listMigrations)
    .add("GET", "/v1/apps/:app/region_migrations/:id", "bearer", showMigration)
    .add("POST", "/v1/apps/:app/region_migrations/:id/run", "bearer", runStep);
}

function createMigration(ctx: RouteContext): ApiResponse {
  const app = callerApp(ctx);
  const { migration } = parseBody(createMigrationBody, ctx.call);
  const created = ctx.core.migrations.create(app, { destination: migration.destination, dstAppName: migration.dst_app_name });
  return json(201, migrationJson(created));
}

function listMigrations(ctx: RouteContext): ApiResponse {
  return json(200, ctx.core.migrations.list(callerApp(ctx)).map(migrationJson));
}

function showMigration(ctx: RouteContext): ApiResponse {
  return json(200, migrationJson(ctx.core.migrations.show(callerApp(ctx), ctx.params.id)));
}

function runStep(ctx: RouteContext): ApiResponse {
  const app = callerApp(ctx);
  const { step } = parseBody(runStepBody, ctx.call);
  ctx.core.migrations.run(app, ctx.params.id, step);
  return empty(204);
}
