import type { EngineChoice, EngineKind } from "../migration/spec";

/** The engine picked for a new migration, and why (what `preview` prints). */
export interface EnginePick {
  kind: EngineKind;
  why: string;
}

/**
 * Resolves `engine: "auto"` once, at create: `server` when the source region still offers
 * the region-migration API, `client` otherwise. The probe (provider-context.ts) is one cheap
 * read, the app's list of region migrations: a 410, or a 404 naming no resource, is how a
 * region says the API is gone (Scalingo retired it in April 2025). Any other failure is
 * thrown: a missing app or an unreachable API must not silently pick an engine.
 */
export async function pickEngine(declared: EngineChoice, sourceRegion: string, offersRegionMigrations: () => Promise<boolean>): Promise<EnginePick> {
  if (declared !== "auto") return { kind: declared, why: `declared engine: "${declared}"` };
  if (await offersRegionMigrations()) return { kind: "server", why: `${sourceRegion} offers Scalingo's region-migration API` };
  return { kind: "client", why: `${sourceRegion} no longer offers the region-migration API: this provider moves the app through the public API` };
}

/**
 * The engine an existing resource keeps: the stored one, never switched mid-migration. Only
 * once the last migration is over without moving the app (aborted, refused by its preflight)
 * may a declared engine start the next one.
 */
export function keptEngine(stored: EngineKind, declared: EngineChoice | undefined, status: string | undefined): EngineKind {
  const over = status === "aborted" || status === "preflight-error" || !status;
  return over && declared !== undefined && declared !== "auto" ? declared : stored;
}

/** Why a declared engine is refused for an existing migration, or undefined when it is fine. */
export function engineChangeProblem(stored: EngineKind, declared: EngineChoice | undefined, status: string | undefined): string | undefined {
  if (declared === undefined || declared === "auto" || declared === stored) return undefined;
  if (keptEngine(stored, declared, status) === declared) return undefined;
  return (
    `engine cannot change from "${stored}" to "${declared}" during a migration (status ${status}): the engine is picked once, at create. ` +
    `Set engine back to "${stored}" (or "auto"), or run \`pulumi destroy\` to abort this migration first.`
  );
}
