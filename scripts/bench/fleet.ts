import type { MigrationSpec } from "../../provider/migration/spec";
import { DEFAULT_TIMEOUTS_MS } from "../../provider/migration/spec";
import type { StepName } from "../../simulator";

/** The simulator's rate limit in every benchmark: Scalingo's, per account. */
export const RATE_LIMIT = 60;
/** Requests a migration cannot do without: see README "Performance". */
export const ESSENTIAL_REQUESTS = 12;
/** The simulator's default world has fleet-app-01 … fleet-app-50. */
const MAX_FLEET = 50;

export function parseFleetSize(raw: string | undefined): number {
  const count = Number(raw);
  if (!Number.isInteger(count) || count < 1 || count > MAX_FLEET) {
    throw new Error(`--fleet must be a whole number from 1 to ${MAX_FLEET} (the simulator's fleet-app-01..${MAX_FLEET}), got '${raw}'`);
  }
  return count;
}

export function fleetAppNames(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `fleet-app-${String(i + 1).padStart(2, "0")}`);
}

/** A fleet cannot end sooner than its longest server-side path, nor than its essential requests allow. */
export function fleetLowerBound(durations: Record<StepName, number>, count: number): { serverPathMs: number; budgetMs: number; lowerBoundMs: number } {
  const serverPathMs = durations.preflight + durations.prepare + durations.data + durations.finalize;
  const budgetMs = ((count * ESSENTIAL_REQUESTS) / RATE_LIMIT) * 60_000;
  return { serverPathMs, budgetMs, lowerBoundMs: Math.round(Math.max(serverPathMs, budgetMs)) };
}

/** One app of the default world moved whole to osc-secnum-fr1, as the benchmarks drive it. */
export function finalizeSpec(app: string, owner: string): MigrationSpec {
  return { app, sourceRegion: "osc-fr1", destinationRegion: "osc-secnum-fr1", newName: "", stage: "finalize", migrateData: true, timeouts: DEFAULT_TIMEOUTS_MS, owner };
}
