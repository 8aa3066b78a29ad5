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
