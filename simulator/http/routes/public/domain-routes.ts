import { z } from "zod";
import { domainJson } from "../../../world/app-views";
import { addDomain, domainById, removeDomain, updateDomain } from "../../../world/public/domain-ops";
import { empty, json, type ApiResponse } from "../../api-response";
import { parseBody } from "../../request-schemas";
import type { RouteContext, Router } from "../../router";
import { callerApp } from "../app-routes";
import { callerId } from "./route-helpers";

/** Domains and certificates (§2.6). */
export function addDomainRoutes(router: Router): Router {
  return router
    .add("GET", "/v1/apps/:app/domains", "bearer", list)
    .add("POST", "/v1/apps/:app/domains", "bearer", create)
    .add("GET", "/v1/apps/:app/domains/:id", "bearer", show)
    .add("PATCH", "/v1/apps/:app/domains/:id", "bearer", update)
    .add("PUT", "/v1/apps/:app/domains/:id", "bearer", update)
    .add("DELETE", "/v1/apps/:app/domains/:id", "bearer", remove);
}

const certificateFields = {
  canonical: z.boolean().nullish(),
  tlscert: z.string().nullish(),
  tlskey: z.string().nullish(),
  letsencrypt_enabled: z.boolean().nullish(),
};
const createBody = z.object({ domain: z.object({ name: z.string(), ...certificateFields }) });
const updateBody = z.object({ domain: z.object(certificateFields) });

function list(ctx: RouteContext): ApiResponse {
  const app = callerApp(ctx);
  return json(200, { domains: app.domains.map((domain) => domainJson(app, domain)) });
}

function show(ctx: RouteContext): ApiResponse {
  const app = callerApp(ctx);
  return json(200, { domain: domainJson(app, domainById(app, ctx.params.id)) });
}

function create(ctx: RouteContext): ApiResponse {
  const app = callerApp(ctx);
  const { domain: input } = parseBody(createBody, ctx.call);
  const domain = addDomain(
    ctx.core.publicApi,
    app,
    { name: input.name, canonical: input.canonical ?? undefined, letsencryptEnabled: input.letsencrypt_enabled ?? undefined, tlscert: input.tlscert ?? undefined, tlskey: input.tlskey ?? undefined },
    callerId(ctx),
  );
  return json(201, { domain: domainJson(app, domain) });
}

function update(ctx: RouteContext): ApiResponse {
  const app = callerApp(ctx);
  const domain = domainById(app, ctx.params.id);
  const { domain: input } = parseBody(updateBody, ctx.call);
  updateDomain(
    ctx.core.publicApi,
    app,
    domain,
    { canonical: input.canonical ?? undefined, letsencryptEnabled: input.letsencrypt_enabled ?? undefined, tlscert: input.tlscert ?? undefined, tlskey: input.tlskey ?? undefined },
    callerId(ctx),
  );
  return json(200, { domain: domainJson(app, domain) });
}

function remove(ctx: RouteContext): ApiResponse {
  const app = callerApp(ctx);
  removeDomain(app, domainById(app, ctx.params.id), callerId(ctx));
  return empty(204);
}
