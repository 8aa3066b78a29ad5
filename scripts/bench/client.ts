import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { AppMigration } from "../../provider";
import { PublicApi } from "../../provider/client/public";
import { RequestScheduler } from "../../provider/client/request-scheduler";
import { ClientEngine } from "../../provider/engines/client/client-engine";
import { ClientRecords } from "../../provider/engines/client/record";
import { AdaptivePollSchedule } from "../../provider/migration/poll-schedule";
import { ASYNC_POLLING } from "../../provider/engines/client/waiting";
import { DEFAULT_TIMEOUTS_MS, type MigrationSpec } from "../../provider/migration/spec";
import { DEFAULT_API_TOKEN, defaultWorldFixtures, startSimulator, type AppSnapshot, type RequestLogEntry, type WorldFixtures } from "../../simulator";
import { clientFleetAppNames, clientFleetApps } from "../../simulator/world/client-fleet";
import { ASYNC_PROFILES, type AsyncTimings } from "../../simulator/world/public/async-timings";
import { newLocalStack } from "../support/local-engine";
import { clientMinimumRequests, fleetMinimumRequests } from "./client-minimum";
import { RATE_LIMIT } from "./fleet";

/**
 * The client engine's figures (issue #14): one rich app (shop-app) moved create → finalize,
 * its requests against what a perfect client needs (client-minimum.ts), and a fleet of varied
 * apps moved by one `pulumi up` on the real engine, against its lower bound. The simulator
 * runs with Scalingo's rate limit and realistic asynchronous durations (addon provisioning,
 * deployments, backups, operations, one-offs: simulator/world/public/async-timings.ts).
 */
export const CLIENT_FLEET_DEFAULT = 20;
const SOURCE = "osc-fr1";
const DESTINATION = "osc-secnum-fr1";
const SINGLE_APP = "shop-app";
const DAY_MS = 24 * 60 * 60 * 1000;

/** The default world plus `count` varied apps for the client engine. */
export function clientWorld(count: number, now = new Date()): WorldFixtures {
  const world = defaultWorldFixtures(now);
  return { ...world, apps: [...(world.apps ?? []), ...clientFleetApps(count, new Date(now.getTime() + 60 * DAY_MS).toISOString())] };
}

/** Requests on the account's budget: not those to pre-signed URLs (archives, the log service). */
export function budgetRequests(requests: readonly RequestLogEntry[]): RequestLogEntry[] {
  return requests.filter((r) => !r.path.startsWith("/_storage/") && !r.path.startsWith("/_logs/"));
}

/** `app` moved create → finalize with its data by the client engine, as the bench moves it. */
export function clientSpecFor(app: string, owner = `bench/${app}`): MigrationSpec {
  return { app, sourceRegion: SOURCE, destinationRegion: DESTINATION, newName: "", stage: "finalize", migrateData: true, timeouts: DEFAULT_TIMEOUTS_MS, owner, engine: "client" };
}

/** shop-app create → finalize through the pieces the provider uses (public API, shared budget, poll schedule). */
export async function singleClientMigration(log: (line: string) => void) {
  const simulator = await startSimulator({ port: 0, profile: "realistic", rateLimitPerMinute: RATE_LIMIT, fixtures: clientWorld(0) });
  const recordsDir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-client-records-"));
  try {
    const minimum = clientMinimumRequests(simulator.app(SOURCE, SINGLE_APP)!);
    const api = new PublicApi({ apiToken: DEFAULT_API_TOKEN, authUrl: simulator.authUrl, gate: new RequestScheduler() });
    const engine = new ClientEngine({ api: () => api, records: new ClientRecords(recordsDir), schedule: new AdaptivePollSchedule(ASYNC_POLLING), log: () => undefined }, "bench");
    const started = Date.now();
    const snapshot = await engine.advance(clientSpecFor(SINGLE_APP), { reachedStage: null });
    const wallMs = Date.now() - started;
    if (snapshot.status !== "done") throw new Error(`${SINGLE_APP} ended ${snapshot.status}`);
    const requests = budgetRequests(simulator.requests());
    log(`${SINGLE_APP}: ${requests.length} requests (minimum ${minimum.total}), ${Math.round(wallMs / 1000)} s; by kind of request: ${describeRequests(requests)}`);
    return { requests: requests.length, minimum, wallMs, rateLimited: requests.filter((r) => r.status === 429).length };
  } finally {
    fs.rmSync(recordsDir, { recursive: true, force: true });
    await simulator.close();
  }
}

/** `count` varied apps moved by one program on the real engine, engine "client". */
export async function clientFleetMigration(count: number, log: (line: string) => void) {
  const simulator = await startSimulator({ port: 0, profile: "realistic", rateLimitPerMinute: RATE_LIMIT, fixtures: clientWorld(count) });
  const apps = clientFleetAppNames(count);
  const sources = apps.map((app) => simulator.app(SOURCE, app)!);
  const minimum = fleetMinimumRequests(sources.map(clientMinimumRequests));
  const local = await newLocalStack({
    program: () => clientFleetProgram(apps),
    projectName: "scalingo-client-fleet",
    stackName: "bench",
    env: { SCALINGO_AUTH_URL: simulator.authUrl, SCALINGO_API_TOKEN: DEFAULT_API_TOKEN },
  });
  try {
    const output: string[] = [];
    const started = Date.now();
    let error: string | null = null;
    try {
      await local.stack.up({ onOutput: (line) => output.push(line), parallel: count + 1, color: "never" });
    } catch (failure) {
      error = failure instanceof Error ? failure.message : String(failure);
      log(`pulumi up failed: ${error.split("\n").filter((l) => /error/i.test(l)).slice(0, 5).join(" | ")}`);
    }
    const wallMs = Date.now() - started;
    const outputs = await local.stack.outputs();
    const statuses = (outputs.statuses?.value ?? []) as string[];
    const failures = apps.filter((_, i) => statuses[i] !== "done").length;
    const requests = budgetRequests(simulator.requests());
    log(`fleet: ${requests.length} requests (minimum ${minimum}); by kind of request: ${describeRequests(requests)}`);
    const bound = clientFleetLowerBound(sources, minimum, ASYNC_PROFILES.realistic);
    return { wallMs, ...bound, failures, rateLimited: requests.filter((r) => r.status === 429).length, requests: requests.length, minimumRequests: minimum };
  } finally {
    local.remove();
    await simulator.close();
  }
}

/**
 * A fleet cannot end before its essential requests (`minimumRequests`, fleetMinimumRequests)
 * have gone out at the account's rate, nor before its slowest app's chain of asynchronous
 * work has run on Scalingo's side.
 */
export function clientFleetLowerBound(apps: readonly AppSnapshot[], minimumRequests: number, timings: AsyncTimings) {
  const budgetMs = (minimumRequests / RATE_LIMIT) * 60_000;
  const serverPathMs = Math.max(...apps.map((app) => asyncPath(app, timings)));
  return { budgetMs: Math.round(budgetMs), serverPathMs, lowerBoundMs: Math.round(Math.max(budgetMs, serverPathMs)) };
}

/**
 * One app's asynchronous work end to end, in the order it must happen: its addons provisioned
 * (side by side), its code built, the source stopped (an operation), each database backed up
 * and restored (a one-off), the destination started (an operation).
 */
export function asyncPath(app: AppSnapshot, timings: AsyncTimings): number {
  const databases = app.addons.filter((a) => /postgres|mysql|mongo/.test(a.provider_id)).length;
  const running = app.formation.some((f) => f.amount > 0);
  return (
    (app.addons.length ? timings.addon : 0) +
    (app.scm ? timings.deployment : 0) +
    (running ? 2 * timings.operation : 0) +
    databases * (timings.backup + timings.oneOff)
  );
}

async function clientFleetProgram(apps: readonly string[]): Promise<Record<string, unknown>> {
  const migrations = apps.map(
    (app) => new AppMigration(`${app}-to-secnum`, { app, sourceRegion: SOURCE, destinationRegion: DESTINATION, stage: "finalize", engine: "client" }),
  );
  return { statuses: pulumi.all(migrations.map((m) => m.status)) };
}

/** "GET addons ×3, …": where a migration's requests went, for tuning. */
function describeRequests(requests: readonly RequestLogEntry[]): string {
  const counts = new Map<string, number>();
  for (const r of requests) {
    const key = `${r.method} ${r.path.replace(/\/v1\/apps\/[^/]+/, "").replace(/\/[0-9a-f-]{12,}|\/(ad|bk|dom)-[0-9a-f-]+|\/[0-9a-f]{24}/g, "/:id") || "/app"}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ×${n}`).join(", ");
}

