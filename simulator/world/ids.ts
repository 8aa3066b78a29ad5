import { createHash, randomBytes, randomUUID } from "node:crypto";

/** Scalingo app and domain ids look like MongoDB object ids: 24 hex digits. */
export function randomObjectId(): string {
  return randomBytes(12).toString("hex");
}

/** Fixture objects without an id get one derived from what they are, so ids survive a reset. */
export function stableObjectId(seed: string): string {
  return createHash("sha256").update(seed).digest("hex").slice(0, 24);
}

export function uuid(): string {
  return randomUUID();
}

/**
 * Catalogue objects (stacks, sizes, plans, platforms, event types) and new objects get Scalingo's
 * prefixed UUID shape; a catalogue id is derived from its region and name, so the same name has a
 * different id in each region, and ids survive a restart.
 */
export function regionalId(prefix: string, region: string, key: string): string {
  return `${prefix}-${uuidFrom(`${prefix}:${region}:${key}`)}`;
}

export function prefixedId(prefix: string): string {
  return `${prefix}-${randomUUID()}`;
}

export function stablePrefixedId(prefix: string, seed: string): string {
  return `${prefix}-${uuidFrom(seed)}`;
}

function uuidFrom(seed: string): string {
  const hex = createHash("sha256").update(seed).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
