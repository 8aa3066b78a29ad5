import { inspect } from "node:util";
import type { CapturedRequest } from "../../../simulator";

/** A bearer issued by the simulator or a fake auth server: three base64url parts, JSON header. */
const JWT = /eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}/;

/**
 * Where a credential could surface: the value itself as text, and for objects everything a
 * person or a log could print (inspect to depth 10, JSON, message and stack).
 */
export function printable(value: unknown): string {
  if (typeof value === "string") return value;
  const parts = [inspect(value, { depth: 10, showHidden: false, maxStringLength: Infinity, maxArrayLength: Infinity })];
  try {
    parts.push(JSON.stringify(value) ?? "");
  } catch {
    // Circular: inspect already covered it.
  }
  if (value instanceof Error) parts.push(value.message, value.stack ?? "");
  return parts.join("\n");
}

/** The credentials found in `value`: each API token given, and any JWT-shaped bearer. */
export function secretsIn(value: unknown, apiTokens: readonly string[]): string[] {
  const text = printable(value);
  const found = apiTokensIn(text, apiTokens);
  const jwt = JWT.exec(text);
  if (jwt) found.push(`bearer ${jwt[0].slice(0, 12)}…`);
  return found;
}

/** Each API token found in `text`, as written or as HTTP Basic credentials carry it (base64 of ":token"). */
function apiTokensIn(text: string, apiTokens: readonly string[]): string[] {
  return apiTokens
    .filter((token) => text.includes(token) || text.includes(Buffer.from(`:${token}`).toString("base64")))
    .map((token) => `API token ${token.slice(0, 6)}…`);
}

/**
 * What the simulator's full capture shows of credentials on the wire. They belong in one
 * place each: the API token in the Authorization header of the token exchange, bearers in
 * the Authorization header of the other calls and in the exchange's answer (an addon token in
 * the answer of `POST …/addons/:id/token`). Anything found
 * elsewhere (a URL, another header, a body, an answer) is out of place. `inPlace` counts the
 * requests that carried one where it belongs: zero means the scan saw no credential at all,
 * so it could not have seen a misplaced one either.
 */
export function credentialsOnTheWire(
  captured: readonly CapturedRequest[],
  apiTokens: readonly string[],
): { outOfPlace: string[]; inPlace: number } {
  const outOfPlace: string[] = [];
  let inPlace = 0;
  for (const request of captured) {
    const where = `${request.method} ${request.url}`;
    const isExchange = request.url.split("?")[0] === "/v1/tokens/exchange";
    // The Database API's bearer (an addon token, contract §1) comes in the answer of this call.
    const issuesAddonToken = /\/v1\/apps\/[^/]+\/addons\/[^/]+\/token$/.test(request.url.split("?")[0]!);
    const { authorization = "", ...otherHeaders } = request.headers;
    const misplacedInHeader = isExchange ? (JWT.test(authorization) ? ["bearer"] : []) : apiTokensIn(authorization, apiTokens);
    for (const found of misplacedInHeader) outOfPlace.push(`${where}: ${found} in Authorization`);
    if (isExchange ? apiTokensIn(authorization, apiTokens).length > 0 : JWT.test(authorization)) inPlace++;
    const elsewhere: [string, string][] = [
      ["URL", request.url],
      ["other headers", JSON.stringify(otherHeaders)],
      ["body", request.body],
      // The exchange's answer (and an addon-token answer) is where a bearer comes from; the API token has no business there.
      ["answer", isExchange || issuesAddonToken ? request.responseBody.replace(JWT, "") : request.responseBody],
    ];
    for (const [part, text] of elsewhere) for (const found of secretsIn(text, apiTokens)) outOfPlace.push(`${where}: ${found} in the ${part}`);
  }
  return { outOfPlace, inPlace };
}

/** How many of the artifacts hold a credential (each counted once). */
export function leakCount(artifacts: readonly unknown[], apiTokens: readonly string[]): number {
  return artifacts.filter((artifact) => secretsIn(artifact, apiTokens).length > 0).length;
}
