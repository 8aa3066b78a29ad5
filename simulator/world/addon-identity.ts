import { createHash } from "node:crypto";
import { addonKind } from "./addon-catalog";
import type { Addon, DatabaseDocument } from "./types";

/**
 * Where an addon lives: its connection URL (the variable provisioning injects) names the
 * database's host and resource and carries its password, so a restore one-off finds the database
 * a URL points at, exactly as a real client would connect to whatever the URL says.
 */

const HOST_SUFFIX = "scalingo-dbs.com";

export function addonHost(region: string, addon: Pick<Addon, "resourceId" | "providerId">): string {
  return `${addon.resourceId.replace(/_/g, "-")}.${addon.providerId}.${region}.${HOST_SUFFIX}`;
}

export function addonUrl(region: string, addon: Pick<Addon, "resourceId" | "providerId" | "password">): string {
  const kind = addonKind(addon.providerId);
  return `${kind.scheme}://${addon.resourceId}:${addon.password}@${addonHost(region, addon)}:${kind.port}/${addon.resourceId}`;
}

export function addonVariables(region: string, addon: Pick<Addon, "resourceId" | "providerId" | "password">): Record<string, string> {
  return { [addonKind(addon.providerId).envName]: addonUrl(region, addon) };
}

export interface ParsedAddonUrl {
  scheme: string;
  user: string;
  password: string;
  host: string;
  port: number;
  database: string;
}

export function parseAddonUrl(raw: string): ParsedAddonUrl | undefined {
  try {
    const url = new URL(raw);
    return {
      scheme: url.protocol.replace(/:$/, ""),
      user: decodeURIComponent(url.username),
      password: decodeURIComponent(url.password),
      host: url.hostname,
      port: Number(url.port),
      database: url.pathname.replace(/^\//, ""),
    };
  } catch {
    return undefined;
  }
}

/** A database's name on its host, derived from its app and addon ids (unique, stable). */
export function resourceIdFor(appName: string, addonId: string): string {
  return `${appName.replace(/-/g, "_")}_${createHash("sha256").update(addonId).digest("hex").slice(0, 6)}`;
}

export function passwordFor(seed: string): string {
  return createHash("sha256").update(`password:${seed}`).digest("base64url").slice(0, 20);
}

/** The small record set a fixture database starts with when its fixture gives none. */
export function sampleDocuments(appName: string, providerId: string): DatabaseDocument[] {
  return [1, 2, 3].map((n) => ({
    id: `${providerId}-${n}`,
    fields: { title: `${appName} record ${n}`, amount: n * 10, active: n !== 2 },
  }));
}

/** What a database holds, as one hash: equal contents give equal digests, order aside. */
export function documentsDigest(documents: DatabaseDocument[]): string {
  const canonical = [...documents]
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((d) => [d.id, Object.keys(d.fields).sort().map((k) => [k, d.fields[k]])]);
  return `sha256:${createHash("sha256").update(JSON.stringify(canonical)).digest("hex")}`;
}
