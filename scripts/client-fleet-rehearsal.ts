/**
 * `npm run -s bench:client-compressed [-- --scale K] [--fleet N]`: the client engine's fleet
 * (simulator/world/client-fleet.ts) through the provider's own pieces (public API, request
 * scheduler, poll schedule, client engine) against the simulator, with every duration divided
 * by K: the asynchronous jobs, the rate-limit window, the scheduler's window and the poll
 * schedule. A tuning aid about K times faster than `npm run bench -- --engine client`; it has
 * no Pulumi engine in it, so the figure that counts stays the bench's.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { PublicApi } from "../provider/client/public";
import { RequestScheduler } from "../provider/client/request-scheduler";
import { ClientEngine } from "../provider/engines/client/client-engine";
import { ClientRecords } from "../provider/engines/client/record";
import { ASYNC_POLLING } from "../provider/engines/client/waiting";
import { AdaptivePollSchedule } from "../provider/migration/poll-schedule";
import { DEFAULT_API_TOKEN, startSimulator } from "../simulator";
import { clientFleetAppNames } from "../simulator/world/client-fleet";
import { ASYNC_PROFILES } from "../simulator/world/public/async-timings";
import { budgetRequests, clientFleetLowerBound, clientSpecFor, clientWorld, CLIENT_FLEET_DEFAULT } from "./bench/client";
import { clientMinimumRequests, fleetMinimumRequests } from "./bench/client-minimum";
import { RATE_LIMIT } from "./bench/fleet";

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { scale: { type: "string", default: "5" }, fleet: { type: "string", default: String(CLIENT_FLEET_DEFAULT) } }, strict: true });
  const scale = Number(values.scale);
  const count = Number(values.fleet);
  if (!(scale >= 1 && scale <= 20)) throw new Error(`--scale must be a number from 1 to 20, got '${values.scale}'`);
  if (!Number.isInteger(count) || count < 1) throw new Error(`--fleet must be a whole number of at least 1, got '${values.fleet}'`);
  const shrink = <T extends object>(durations: T): T => Object.fromEntries(Object.entries(durations).map(([k, v]) => [k, (v as number) / scale])) as T;

  const realistic = ASYNC_PROFILES.realistic;
  // Pre-signed URLs keep their real lifetime: the rehearsal is about pace, not expiry.
  const asyncTimings = { ...shrink(realistic), urlTtl: realistic.urlTtl };
  const simulator = await startSimulator({ port: 0, profile: "realistic", asyncTimings, rateLimitPerMinute: RATE_LIMIT, rateLimitWindowMs: 60_000 / scale, fixtures: clientWorld(count) });
  const recordsDir = fs.mkdtempSync(path.join(os.tmpdir(), "client-fleet-rehearsal-"));
  try {
    const scheduler = new RequestScheduler({ windowMs: 60_000 / scale, rateLimitPauseMs: 5_000 / scale });
    const api = new PublicApi({ apiToken: DEFAULT_API_TOKEN, authUrl: simulator.authUrl, gate: scheduler });
    const { expectedMs, learningRate, learnedFirstLook, ...gaps } = ASYNC_POLLING;
    const schedule = new AdaptivePollSchedule({ ...shrink(gaps), expectedMs: shrink(expectedMs), learningRate, learnedFirstLook });
    const records = new ClientRecords(recordsDir);
    const apps = clientFleetAppNames(count);
    const sources = apps.map((app) => simulator.app("osc-fr1", app)!);
    const minimum = fleetMinimumRequests(sources.map(clientMinimumRequests));
    const started = Date.now();
    const results = await Promise.allSettled(
      apps.map((app) => {
        const engine = new ClientEngine({ api: () => api, records, schedule, log: () => undefined }, `${app}-to-secnum`);
        return engine.advance(clientSpecFor(app, `rehearsal/${app}`), { reachedStage: null });
      }),
    );
    const wallMs = (Date.now() - started) * scale;
    const { lowerBoundMs } = clientFleetLowerBound(sources, minimum, realistic);
    const requests = budgetRequests(simulator.requests());
    const failed = results.filter((r) => r.status === "rejected" || r.value.status !== "done");
    console.log(
      `client fleet of ${count} at 1/${scale} time, in real-time units: ${(wallMs / 1000).toFixed(1)} s against a lower bound of ${(lowerBoundMs / 1000).toFixed(0)} s → ${(wallMs / lowerBoundMs).toFixed(2)}x; ` +
        `${requests.length} requests (minimum ${minimum}), ${requests.filter((r) => r.status === 429).length} × 429, ${failed.length} failed`,
    );
    for (const failure of failed.slice(0, 3)) console.log(`  failed: ${failure.status === "rejected" ? String(failure.reason).slice(0, 300) : failure.value.status}`);
    console.log(`budget left idle: ${idleBudget(requests.map((r) => Date.parse(r.time)), started, 60_000 / RATE_LIMIT / scale, scale)}`);
  } finally {
    fs.rmSync(recordsDir, { recursive: true, force: true });
    await simulator.close();
  }
}

/**
 * Where the budget went unused: the time beyond one request's spacing between consecutive
 * requests, in real-time units, with the longest gaps and when they came. Idle budget is what
 * separates a fleet's wall time from its lower bound.
 */
function idleBudget(times: number[], startedAt: number, spacingMs: number, scale: number): string {
  const sorted = [...times].sort((a, b) => a - b);
  const gaps: { at: number; ms: number }[] = [];
  for (let i = 1; i < sorted.length; i++) {
    const idle = sorted[i]! - sorted[i - 1]! - spacingMs;
    if (idle > 0) gaps.push({ at: (sorted[i - 1]! - startedAt) * scale, ms: idle * scale });
  }
  const total = gaps.reduce((sum, g) => sum + g.ms, 0);
  const longest = [...gaps].sort((a, b) => b.ms - a.ms).slice(0, 8).sort((a, b) => a.at - b.at);
  return `${(total / 1000).toFixed(0)} s in all; longest: ${longest.map((g) => `${(g.ms / 1000).toFixed(1)} s at ${(g.at / 1000).toFixed(0)} s`).join(", ")}`;
}

main().catch((error: unknown) => {
  console.error(`client fleet rehearsal failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
