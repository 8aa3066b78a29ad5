import { z } from "zod";
import { NotFoundError } from "../../domain-errors";
import { ASYNC_TIMING_NAMES } from "../../world/public/async-timings";
import { empty, json, type ApiResponse } from "../api-response";
import { parseBody } from "../request-schemas";
import type { RouteContext, Router } from "../router";

/**
 * Admin controls over the public-API world (`/_simulator/…`): read an app's whole shape and its
 * databases, write data into a database, point a domain's DNS at a region, set a region's
 * default addon versions, and script failures
 * and timings of the asynchronous jobs.
 */
export function addPublicAdminRoutes(router: Router): Router {
  return router
    .add("GET", "/_simulator/apps/:region/:app", "none", showApp)
    .add("GET", "/_simulator/apps/:region/:app/addons/:addon/data", "none", readData)
    .add("PUT", "/_simulator/apps/:region/:app/addons/:addon/data", "none", writeData)
    .add("POST", "/_simulator/dns", "none", pointDns)
    .add("PUT", "/_simulator/regions/:region/default-addon-versions", "none", setDefaultVersions)
    .add("GET", "/_simulator/async-failures", "none", listFailures)
    .add("POST", "/_simulator/async-failures", "none", addFailures)
    .add("DELETE", "/_simulator/async-failures", "none", (ctx) => {
      ctx.core.asyncFailures.clear();
      return empty(204);
    })
    .add("GET", "/_simulator/async-timings", "none", (ctx) => json(200, { asyncTimings: ctx.core.timings.get() }))
    .add("POST", "/_simulator/async-timings", "none", setTimings);
}

const documents = z.array(
  z.strictObject({ id: z.string().min(1), fields: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])) }),
);
const dataBody = z.object({ documents });
const dnsBody = z.object({ domain: z.string().min(1), region: z.string().min(1) });
const failure = z.strictObject({
  kind: z.enum(["deploy", "addon", "backup", "restore"]),
  app: z.string().min(1).optional(),
  region: z.string().min(1).optional(),
  message: z.string().optional(),
  times: z.number().int().positive().optional(),
});
const failuresBody = z.object({ failures: z.array(failure) });
const versionsBody = z.record(z.string().min(1), z.string().min(1));
const timingsBody = z.partialRecord(z.enum(ASYNC_TIMING_NAMES), z.number().min(0));

function showApp(ctx: RouteContext): ApiResponse {
  const snapshot = ctx.core.app(ctx.params.region, ctx.params.app);
  if (!snapshot) throw new NotFoundError("app");
  return json(200, { app: snapshot });
}

function readData(ctx: RouteContext): ApiResponse {
  return json(200, ctx.core.databaseContents(ctx.params.region, ctx.params.app, ctx.params.addon));
}

function writeData(ctx: RouteContext): ApiResponse {
  const { documents: written } = parseBody(dataBody, ctx.call);
  return json(200, ctx.core.writeDatabase(ctx.params.region, ctx.params.app, ctx.params.addon, written));
}

function pointDns(ctx: RouteContext): ApiResponse {
  const { domain, region } = parseBody(dnsBody, ctx.call);
  ctx.core.pointDns(domain, region);
  return json(200, { dns: { [domain]: region } });
}

/** `{"postgresql": "15.4.0"}`: what new addons of each provider get in that region from now on. */
function setDefaultVersions(ctx: RouteContext): ApiResponse {
  for (const [provider, version] of Object.entries(parseBody(versionsBody, ctx.call))) ctx.core.setDefaultAddonVersion(ctx.params.region, provider, version);
  return json(200, { defaultAddonVersions: ctx.core.world.region(ctx.params.region)?.defaultAddonVersions ?? {} });
}

function listFailures(ctx: RouteContext): ApiResponse {
  return json(200, { failures: ctx.core.asyncFailures.list() });
}

function addFailures(ctx: RouteContext): ApiResponse {
  for (const f of parseBody(failuresBody, ctx.call).failures) ctx.core.asyncFailures.add(f);
  return listFailures(ctx);
}

function setTimings(ctx: RouteContext): ApiResponse {
  ctx.core.timings.set(parseBody(timingsBody, ctx.call));
  return json(200, { asyncTimings: ctx.core.timings.get() });
}
