import type { IncomingHttpHeaders } from "node:http";
import type { SimulatorCore } from "../core";
import type { Account } from "../world/types";
import { unauthorized } from "./api-response";
import { basicCredentials, bearerToken } from "./credentials";
import type { AuthMode } from "./router";

/** The caller a route's auth mode asks for, or a 401 that never repeats the credential. */
export async function authenticate(mode: AuthMode, headers: IncomingHttpHeaders, core: SimulatorCore): Promise<Account | null> {
  switch (mode) {
    case "none":
      return null;
    case "api-token":
      return apiTokenAccount(headers, core);
    case "bearer":
      return bearerAccount(headers, core);
    case "optional-bearer":
      return headers.authorization === undefined ? null : bearerAccount(headers, core);
    case "database":
      return (await databaseCaller(headers, core)).account;
  }
}

/**
 * The Database API takes an addon token (DEVDOC, go-scalingo) or, as Scalingo's JS client does
 * since 2026, the user's own bearer; `addonId` says which database an addon token is for.
 */
export async function databaseCaller(headers: IncomingHttpHeaders, core: SimulatorCore): Promise<{ account: Account; addonId: string | null }> {
  const token = bearerToken(headers);
  if (!token) throw unauthorized("a bearer token is required (an addon token from POST /v1/apps/:app/addons/:id/token)");
  const check = await core.tokens.check(token);
  if (!check.valid) throw unauthorized(check.reason === "expired" ? "token expired" : "invalid token");
  const account = core.world.account(check.accountId);
  if (!account) throw unauthorized("invalid token");
  return { account, addonId: check.addonId ?? null };
}

function apiTokenAccount(headers: IncomingHttpHeaders, core: SimulatorCore): Account {
  const credentials = basicCredentials(headers);
  if (!credentials) throw unauthorized("HTTP Basic authentication is required, with an empty user name and the API token as password");
  if (credentials.user !== "") throw unauthorized("the HTTP Basic user name must be empty; the API token goes in the password");
  const account = core.world.accountForApiToken(credentials.password);
  if (!account) throw unauthorized("invalid API token");
  return account;
}

async function bearerAccount(headers: IncomingHttpHeaders, core: SimulatorCore): Promise<Account> {
  const token = bearerToken(headers);
  if (!token) throw unauthorized("a bearer token is required (Authorization: Bearer <token from POST /v1/tokens/exchange>)");
  const check = await core.tokens.check(token);
  if (!check.valid) throw unauthorized(check.reason === "expired" ? "token expired" : "invalid token");
  // An addon token opens its database's API only.
  if (check.addonId !== undefined) throw unauthorized("invalid token");
  const account = core.world.account(check.accountId);
  if (!account) throw unauthorized("invalid token");
  return account;
}
