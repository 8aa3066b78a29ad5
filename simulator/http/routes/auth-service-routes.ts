import { integrationsOf } from "../../world/public/scm-ops";
import type { Region } from "../../world/types";
import { json, type ApiResponse } from "../api-response";
import { exchangeBody, parseBody } from "../request-schemas";
import { caller, Router, type RouteContext } from "../router";

/** The auth service, at the server's root: token exchange and the region list. */
export function authServiceRoutes(): Router {
  return new Router()
    .add("POST", "/v1/tokens/exchange", "api-token", exchangeToken)
    .add("GET", "/v1/regions", "optional-bearer", listRegions)
    .add("GET", "/v1/users/self", "bearer", showSelf)
    .add("GET", "/v1/scm_integrations", "bearer", listIntegrations);
}

async function exchangeToken(ctx: RouteContext): Promise<ApiResponse> {
  parseBody(exchangeBody, ctx.call);
  return json(200, { token: await ctx.core.tokens.issue(caller(ctx).id) });
}

/**
 * The caller's profile. The Scalingo CLI calls it before every command (to know whether the
 * user is a Scalingo operator, `flags.admin`) and stops with "token invalid: not found" if it fails.
 */
function showSelf(ctx: RouteContext): ApiResponse {
  const account = caller(ctx);
  return json(200, {
    user: { id: account.id, username: account.username, fullname: account.username, email: account.email, flags: {} },
  });
}

/** Account-wide SCM integrations (§2.5): one per hosted SCM, usable in every region. */
function listIntegrations(ctx: RouteContext): ApiResponse {
  const account = caller(ctx);
  return json(200, {
    scm_integrations: integrationsOf(account).map((i) => ({
      id: i.id,
      scm_type: i.scmType,
      url: i.url,
      // Never a real token: the simulator's integrations reach its fixture repositories only.
      access_token: "",
      uid: account.id,
      username: account.username,
      email: account.email,
      avatar_url: "",
      profile_url: `${i.url}/${account.username}`,
      created_at: "2023-03-01T09:00:00.000Z",
      owner: { id: account.id, username: account.username, email: account.email },
    })),
  });
}

/** Anonymous callers see only the public regions. */
function listRegions(ctx: RouteContext): ApiResponse {
  const visible = ctx.core.world.regions().filter((region) => ctx.account !== null || !region.restricted);
  return json(200, { regions: visible.map((region) => regionJson(region, ctx.publicUrl)) });
}

function regionJson(region: Region, publicUrl: string) {
  return {
    name: region.name,
    display_name: region.displayName,
    api: `${publicUrl}/${region.name}`,
    dashboard: "https://dashboard.scalingo.com",
    // The Database API is served under the region's prefix (`/api/…`), as Scalingo's JS client
    // now calls it on the region's host; go-scalingo reads this field to find it.
    database_api: `${publicUrl}/${region.name}`,
    ssh: `ssh.${region.name}.scalingo.com:22`,
    default: region.default,
  };
}
