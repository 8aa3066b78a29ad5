import { inspect } from "node:util";

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
  const found = apiTokens.filter((token) => text.includes(token)).map((token) => `API token ${token.slice(0, 6)}…`);
  const jwt = JWT.exec(text);
  if (jwt) found.push(`bearer ${jwt[0].slice(0, 12)}…`);
  return found;
}

/** How many of the artifacts hold a credential (each counted once). */
export function leakCount(artifacts: readonly unknown[], apiTokens: readonly string[]): number {
  return artifacts.filter((artifact) => secretsIn(artifact, apiTokens).length > 0).length;
}
