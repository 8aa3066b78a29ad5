import type { Addon } from "../../client/public";

/** How the client engine can move an addon's data, from its provider's name or id. */
export type DataMove =
  | { kind: "database"; engine: "postgresql" | "mysql" | "mongodb" }
  /** Re-provisioned empty; its data (if any) is the user's to move. */
  | { kind: "manual"; why: string };

export function dataMoveOf(addon: Pick<Addon, "provider">): DataMove {
  const name = `${addon.provider.id} ${addon.provider.name}`.toLowerCase();
  if (/postgres/.test(name)) return { kind: "database", engine: "postgresql" };
  if (/mysql/.test(name)) return { kind: "database", engine: "mysql" };
  if (/mongo/.test(name)) return { kind: "database", engine: "mongodb" };
  if (/redis/.test(name)) return { kind: "manual", why: "Redis backups cannot be restored through Scalingo's API: replicate with RIOT, or start with an empty cache" };
  if (/influx/.test(name)) return { kind: "manual", why: "InfluxDB data is not movable through the public API: export and import it yourself" };
  if (/vpn|tcp/.test(name)) return { kind: "manual", why: "VPN and TCP gateway addons need Scalingo's support to be set up in the new region" };
  return { kind: "manual", why: "this addon is re-provisioned empty: its data and configuration are yours to copy" };
}

/** The variable a database addon injects (its URL names its host and carries its password). */
export const DATABASE_URL_VARIABLE: Readonly<Record<"postgresql" | "mysql" | "mongodb", string>> = {
  postgresql: "SCALINGO_POSTGRESQL_URL",
  mysql: "SCALINGO_MYSQL_URL",
  mongodb: "SCALINGO_MONGO_URL",
};

/** Names addons inject: Scalingo lists them among the app's variables with no marker. */
export function isAddonVariableName(name: string): boolean {
  return /^SCALINGO_[A-Z0-9_]+_URL$/.test(name);
}

/** How a person names an addon in messages: provider and plan. */
export function addonLabel(addon: Pick<Addon, "provider" | "plan">, region: string): string {
  return `addon ${addon.provider.name.toLowerCase()} (plan ${addon.plan.name}) on ${region}`;
}
