/*
 * The SDK's own marker: the engine encodes a computed value this way on the wire. Imported
 * from its module rather than from "@pulumi/pulumi" (the whole SDK, about 800 modules): when
 * this package resolves the same SDK as the provider host, the module is already loaded; when
 * it resolves another copy (a linked checkout), only the marker's module and its imports load.
 */
import { unknownValue } from "@pulumi/pulumi/runtime/rpc";

/**
 * A preview knows an input only once the resource it comes from exists: until then the
 * engine passes the SDK's unknown marker, at the top of a property or anywhere inside it
 * (`timeouts: { prepare: other.output }`). These helpers say where.
 */
export type Unknown = typeof unknownValue;

export function isUnknown(value: unknown): value is Unknown {
  return value === unknownValue;
}

/** True when the value is unknown or holds an unknown anywhere inside. */
export function holdsUnknown(value: unknown): boolean {
  if (isUnknown(value)) return true;
  if (Array.isArray(value)) return value.some(holdsUnknown);
  if (value !== null && typeof value === "object") return Object.values(value).some(holdsUnknown);
  return false;
}

/** The properties that are unknown or hold an unknown, by name. */
export function unknownProperties(props: Record<string, unknown>): Set<string> {
  return new Set(Object.keys(props).filter((key) => holdsUnknown(props[key])));
}

/** The known part of a property: an object keeps its known entries, an unknown is dropped. */
export function knownPart(value: unknown): unknown {
  if (isUnknown(value)) return undefined;
  if (value === null || typeof value !== "object" || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value).filter(([, v]) => !isUnknown(v)).map(([k, v]) => [k, knownPart(v)]));
}
