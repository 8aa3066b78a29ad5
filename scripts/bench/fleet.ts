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

/**
 * A fleet cannot end sooner than its longest server-side path (the slowest app's steps end to
 * end), nor than its essential requests allow. `perApp`: each app's step durations, as the
 * simulator says (Simulator.stepDurationsFor).
 */
export function fleetLowerBound(perApp: readonly Record<StepName, number>[]): { serverPathMs: number; budgetMs: number; lowerBoundMs: number } {
  const serverPathMs = Math.max(...perApp.map(serverPath));
  const budgetMs = ((perApp.length * ESSENTIAL_REQUESTS) / RATE_LIMIT) * 60_000;
  return { serverPathMs, budgetMs, lowerBoundMs: Math.round(Math.max(serverPathMs, budgetMs)) };
}

/** One migration's server-side time from create to done. */
export function serverPath(durations: Record<StepName, number>): number {
  return durations.preflight + durations.prepare + durations.data + durations.finalize;
}

/**
 * The simulator's seed for a benchmark: the one given (to replay a run), else a fresh one.
 * It spreads every app's step durations (see simulator/migrations/duration-spread.ts), so
 * that figures are not measured against identical apps whose durations the provider's
 * priors match exactly.
 */
export function parseSeed(raw: string | undefined): number {
  if (raw === undefined) return Date.now() % 1_000_000;
  const seed = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(seed)) throw new Error(`--seed must be a whole number, got '${raw}'`);
  return seed;
}

/** One app of the default world moved whole to osc-secnum-fr1, as the benchmarks drive it. */
export function finalizeSpec(app: string, owner: string): MigrationSpec {
  return { app, sourceRegion: "osc-fr1", destinationRegion: "osc-secnum-fr1", newName: "", stage: "finalize", migrateData: true, timeouts: DEFAULT_TIMEOUTS_MS, owner };
}
