import type { RequestLogEntry } from "../../../simulator";
import { reachedHandler } from "./fault-kinds";

/**
 * What the simulator's request log proves about writes: how many creates and step runs
 * reached the server for an app. The log has no bodies, so runs are counted per migration
 * (the id is in the path); a migration to `finalize` must show exactly one run per step.
 */
export interface WriteAudit {
  creates: number;
  runsByMigration: Map<string, number>;
}

export function auditWrites(
  entries: readonly RequestLogEntry[],
  app: string,
  reached: (entry: RequestLogEntry) => boolean = (entry) => reachedHandler(entry),
): WriteAudit {
  const createPath = `/v1/apps/${app}/region_migrations`;
  const runPath = new RegExp(`^/v1/apps/${escape(app)}/region_migrations/([^/]+)/run$`);
  const audit: WriteAudit = { creates: 0, runsByMigration: new Map() };
  for (const entry of entries) {
    if (entry.method !== "POST" || !reached(entry)) continue;
    if (entry.path === createPath) audit.creates++;
    const run = runPath.exec(entry.path);
    if (run) audit.runsByMigration.set(run[1]!, (audit.runsByMigration.get(run[1]!) ?? 0) + 1);
  }
  return audit;
}

/** Creates beyond one, and runs beyond `stepsPerMigration` for any migration. */
export function duplicatesIn(audit: WriteAudit, stepsPerMigration: number): { duplicateCreates: number; duplicateRuns: number } {
  let duplicateRuns = 0;
  for (const runs of audit.runsByMigration.values()) duplicateRuns += Math.max(0, runs - stepsPerMigration);
  return { duplicateCreates: Math.max(0, audit.creates - 1), duplicateRuns };
}

/**
 * Faults the client met. A latency fault counts once the client gave up waiting (its timeout
 * fired, so the simulator saw the connection closed before it answered): below the client's
 * timeout it is only a slow answer.
 */
export function faultsIn(entries: readonly RequestLogEntry[]): number {
  return entries.filter((entry) => entry.fault !== undefined && (entry.fault !== "latency" || entry.abandoned)).length;
}

/** Token exchanges the auth service answered with a bearer. */
export function exchangesIn(entries: readonly RequestLogEntry[]): number {
  return entries.filter((e) => e.region === null && e.path === "/v1/tokens/exchange" && e.status === 200).length;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** How many bearers were issued, and how many a region refused. */
export function bearerEvidence(entries: readonly RequestLogEntry[]): Record<string, number> {
  return { exchanges: exchangesIn(entries), refusedBearers: entries.filter((e) => e.region !== null && e.status === 401).length };
}
