import type { IncomingHttpHeaders } from "node:http";

/** Reads credentials from headers; never logs or echoes them. */

export function basicCredentials(headers: IncomingHttpHeaders): { user: string; password: string } | undefined {
  const match = /^Basic\s+(\S+)$/i.exec(headers.authorization ?? "");
  if (!match) return undefined;
  const decoded = Buffer.from(match[1], "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return undefined;
  return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

export function bearerToken(headers: IncomingHttpHeaders): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(headers.authorization ?? "");
  return match?.[1];
}
