import { addonKind, addonProviderIds } from "../addon-catalog";
import { regionalId } from "../ids";
import type { Addon, Region } from "../types";

/**
 * Database types and their versions as the regional API shows them (scalingo.js
 * `DatabaseTypes`: `GET /v1/database_types`, `/v1/database_type_versions/:id`; go-scalingo
 * v10 reads the same version shape through the Database API). Each region has its own ids and
 * may have its own default version: that default is what a new addon gets.
 */

export function defaultVersionIn(region: Region | undefined, provider: string): string {
  // A state file saved before regions had defaults has none.
  return region?.defaultAddonVersions?.[provider] ?? addonKind(provider).defaultVersion;
}

export function databaseTypeId(region: string, provider: string): string {
  return regionalId("dt", region, provider);
}

export function databaseVersionId(region: string, provider: string, version: string): string {
  return regionalId("dv", region, `${provider}:${version}`);
}

const TYPES_SINCE = "2024-01-01T00:00:00.000Z";

function databaseProviders(): string[] {
  return addonProviderIds().filter((p) => addonKind(p).isDatabase);
}

export function databaseTypeJson(region: Region, provider: string) {
  return {
    id: databaseTypeId(region.name, provider),
    name: provider,
    logo_url: `https://assets.scalingo.com/addons/${provider}.png`,
    default_version_id: databaseVersionId(region.name, provider, defaultVersionIn(region, provider)),
    created_at: TYPES_SINCE,
  };
}

export function databaseTypesJson(region: Region) {
  return databaseProviders().map((p) => databaseTypeJson(region, p));
}

/** The type of this region with that id, if any. */
export function databaseTypeById(region: Region, id: string): string | undefined {
  return databaseProviders().find((p) => databaseTypeId(region.name, p) === id);
}

/** A version of this region by id: a default one, or one an addon of the region runs. */
export function databaseVersionById(region: Region, id: string, addons: readonly Addon[]): { provider: string; version: string } | undefined {
  const known = [...databaseProviders().map((provider) => ({ provider, version: defaultVersionIn(region, provider) })), ...addons.map((a) => ({ provider: a.providerId, version: a.version }))];
  return known.find((k) => databaseVersionId(region.name, k.provider, k.version) === id);
}

export function databaseVersionJson(region: string, provider: string, version: string) {
  const [major, minor, patch] = version.split(".").map(Number);
  return {
    id: databaseVersionId(region, provider, version),
    database_type_id: databaseTypeId(region, provider),
    database_type_name: provider,
    created_at: TYPES_SINCE,
    updated_at: TYPES_SINCE,
    features: [],
    next_upgrade: null,
    allowed_plugins: [],
    major: major ?? 0,
    minor: minor ?? 0,
    patch: patch ?? 0,
    build: 1,
  };
}
