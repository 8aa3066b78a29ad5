/**
 * `npm run bench [-- --json FILE] [--fleet N] [--profile realistic|fast] [--seed S] [--stacks K]`:
 * the performance figures of issue 6, each measured in this run against the simulator with its
 * rate limit on (60 requests a minute per account, as Scalingo). Not a test: it prints a table.
 * `--stacks K` measures instead the fleet split over K `pulumi up` processes, with and without
 * the shared budget (issue 15).
 *
 * Step durations vary as they would across an account's apps: the data step with each app's
 * database size, and every (app, step) spread at random by the seed (printed, and in the
 * JSON; `--seed S` replays a run). The provider's priors are the profile's figures, so
 * identical apps would flatter it.
 *
 *  1. requests per full migration (create → finalize) vs a baseline that polls once a second
 *     like the Scalingo CLI did;
 *  2. detection latency: server step end (finished_at) → the provider sees it;
 *  3. a fleet of N apps from nothing to finalize in one program on the real engine: wall time
 *     vs its lower bound, 429s received, failed migrations;
 *  4. engine-side cost: `__provider` bytes per resource, a no-op `pulumi up`, provider peak RSS.
 *
 * `--stacks K` measures instead the same fleet split over K stacks, K `pulumi up` processes at
 * once on one account (issue #15): with the budget shared through a throwaway redis-server,
 * then without it, against the single-process lower bound.
 *
 * The client engine (issue #14) is measured after the server engine's figures, or alone with
 * `--engine client` (`--engine server` skips it): shop-app create → finalize against what a
 * perfect client needs, and a fleet of `--client-fleet N` (default 20) varied apps on the real
 * engine. See scripts/bench/client.ts.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { ScalingoClient, type RegionMigration } from "../provider/client";
import { DEFAULT_BUDGET_PER_MINUTE, RequestScheduler } from "../provider/client/request-scheduler";
import { IntentJournal } from "../provider/migration/intent-journal";
import { Migrator } from "../provider/engines/server/migrator";
import { AdaptivePollSchedule } from "../provider/migration/poll-schedule";
import { DEFAULT_API_TOKEN, startSimulator, type MigrationSnapshot, type RequestLogEntry, type StepName } from "../simulator";
import { PROFILE_DURATIONS, type Profile } from "../simulator/migrations/step-durations";
import { locatePulumi, newLocalStack } from "./support/local-engine";
import { runBaselineMigration } from "./bench/baseline-poller";
import { ProviderMemoryProbe } from "./bench/provider-memory";
import { percentile } from "./bench/stats";
import { fleetAppNames, fleetLowerBound, finalizeSpec, parseFleetSize, parseSeed, RATE_LIMIT, serverPath } from "./bench/fleet";
import { fleetProgram, runStackFleet, splitFleet } from "./bench/stacks";
import { startRedisServer } from "./support/redis-server";
import { CLIENT_FLEET_DEFAULT, clientFleetMigration, singleClientMigration } from "./bench/client";

const SINGLE_APPS = ["my-app", "my-app-2", "fleet-app-01", "fleet-app-02", "fleet-app-03"];

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      json: { type: "string" },
      fleet: { type: "string", default: "50" },
      profile: { type: "string", default: "realistic" },
      seed: { type: "string" },
      "fleet-only": { type: "boolean", default: false },
      timeline: { type: "string" },
      stacks: { type: "string" },
      engine: { type: "string", default: "all" },
      "client-fleet": { type: "string", default: String(CLIENT_FLEET_DEFAULT) },
    },
    strict: true,
  });
  const fleet = parseFleetSize(values.fleet);
  const engines = values.engine;
  if (engines !== "all" && engines !== "server" && engines !== "client") throw new Error(`--engine must be all, server or client, got '${engines}'`);
  const clientFleet = Number(values["client-fleet"]);
  if (!Number.isInteger(clientFleet) || clientFleet < 1 || clientFleet > 99) throw new Error(`--client-fleet must be a whole number from 1 to 99, got '${values["client-fleet"]}'`);
  const profile = values.profile as Profile;
  const seed = parseSeed(values.seed);
  if (!(profile in PROFILE_DURATIONS)) throw new Error(`--profile must be realistic or fast, got '${values.profile}'`);
  if (!locatePulumi()) throw new Error("no Pulumi CLI and none could be built: see scripts/pulumi-cli.sh");

  log(`profile ${profile}: step durations ${JSON.stringify(PROFILE_DURATIONS[profile])} ms before each app's factors; rate limit ${RATE_LIMIT}/min`);
  log(`seed ${seed} (replay: --seed ${seed}): every app's steps spread ×0.5–×2 around its own, data scaled by database size`);
  if (values.stacks !== undefined) {
    const figures = await splitFleetFigures(profile, fleet, Number(values.stacks), seed);
    if (values.json) fs.writeFileSync(values.json, `${JSON.stringify(figures, null, 2)}\n`);
    return;
  }
  if (engines === "client") {
    const figures = await clientFigures(clientFleet);
    if (values.json) fs.writeFileSync(values.json, `${JSON.stringify(figures, null, 2)}\n`);
    return;
  }
  const skipped = { requestsPerMigration: Number.NaN, latencies: [] as number[] };
  if (!values["fleet-only"]) log("1+2. single migrations (5 apps side by side) and the once-a-second baseline, concurrently…");
  const [single, baseline] = values["fleet-only"]
    ? [skipped, { requests: Number.NaN }]
    : await Promise.all([singleMigrations(profile, seed), baselineMigration(profile, seed)]);
  log(`3+4. fleet of ${fleet} on the real engine…`);
  const fleetFigures = await fleetMigration(profile, seed, fleet, values.timeline);

  const figures = {
    seed,
    requestsPerMigration: round(single.requestsPerMigration, 1),
    baselineRequestsPerMigration: baseline.requests,
    detectionLatencyMedianMs: Math.round(percentile(single.latencies, 50)),
    detectionLatencyP95Ms: Math.round(percentile(single.latencies, 95)),
    fleetApps: fleet,
    fleetWallMs: fleetFigures.wallMs,
    fleetLowerBoundMs: fleetFigures.lowerBoundMs,
    fleet429s: fleetFigures.rateLimited,
    fleetFailures: fleetFigures.failures,
    providerBytesPerResource: fleetFigures.providerBytes,
    noopUpMs: fleetFigures.noopUpMs,
    providerPeakRssBytes: fleetFigures.peakRss,
  };
  printTable(figures, single.latencies.length, fleetFigures);
  log(`fleet server paths (create → done, per app): ${describeSpread(fleetFigures.serverPaths)}`);
  const client = engines === "all" ? await clientFigures(clientFleet) : {};
  if (values.json) fs.writeFileSync(values.json, `${JSON.stringify({ ...figures, ...client }, null, 2)}\n`);
}

/** The client engine's figures (issue #14): one rich app, then a fleet of varied apps. */
async function clientFigures(count: number) {
  log("client engine 1. shop-app create → finalize (realistic async durations, rate limit on)…");
  const single = await singleClientMigration(log);
  log(`client engine 2. fleet of ${count} varied apps on the real engine…`);
  const fleet = await clientFleetMigration(count, log);
  const figures = {
    clientRequestsPerMigration: single.requests,
    clientMinimumRequestsPerMigration: single.minimum.total,
    clientMigrationWallMs: single.wallMs,
    clientFleetApps: count,
    clientFleetWallMs: fleet.wallMs,
    clientFleetLowerBoundMs: fleet.lowerBoundMs,
    clientFleet429s: fleet.rateLimited,
    clientFleetFailures: fleet.failures,
    clientFleetRequests: fleet.requests,
    clientFleetMinimumRequests: fleet.minimumRequests,
  };
  const rows: [string, string][] = [
    ["client engine: shop-app requests (create → finalize)", `${single.requests} (${round(single.requests / single.minimum.total, 2)}x the minimum ${single.minimum.total}; target 1.5x)`],
    ["  minimum by kind (reads+writes+polls)", single.minimum.kinds.map((k) => `${k.kind} ${k.reads}+${k.writes}+${k.polls}`).join(", ")],
    ["  wall time / 429s", `${seconds(single.wallMs)} / ${single.rateLimited}`],
    [`client fleet of ${count}: wall time`, `${seconds(fleet.wallMs)}`],
    ["  lower bound", `${seconds(fleet.lowerBoundMs)} (essential requests ${fleet.minimumRequests} at ${RATE_LIMIT}/min = ${seconds(fleet.budgetMs)}, longest async path ${seconds(fleet.serverPathMs)}) → ${round(fleet.wallMs / fleet.lowerBoundMs, 2)}x`],
    ["  requests / 429s / failed migrations", `${fleet.requests} (${round(fleet.requests / fleet.minimumRequests, 2)}x the minimum) / ${fleet.rateLimited} / ${fleet.failures}`],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  console.log("");
  for (const [key, value] of rows) console.log(`${key.padEnd(width)}  ${value}`);
  return figures;
}

/** Five migrations through the same pieces the provider uses (client, scheduler, schedule, migrator). */
async function singleMigrations(profile: Profile, seed: number) {
  const simulator = await startSimulator({ port: 0, profile, seed, rateLimitPerMinute: RATE_LIMIT });
  try {
    const client = new ScalingoClient({ apiToken: DEFAULT_API_TOKEN, authUrl: simulator.authUrl, gate: new RequestScheduler() });
    const latencies: number[] = [];
    const journalDir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-journal-"));
    const watched = watchStepEnds(client, latencies);
    const migrator = new Migrator(
      { client: watched, journal: new IntentJournal(journalDir), schedule: new AdaptivePollSchedule(), log: () => undefined },
      "bench",
    );
    await Promise.all(SINGLE_APPS.map((app) => migrator.advance(finalizeSpec(app, `bench/${app}`), { reachedStage: null })));
    fs.rmSync(journalDir, { recursive: true, force: true });
    return { requestsPerMigration: simulator.requests().length / SINGLE_APPS.length, latencies };
  } finally {
    await simulator.close();
  }
}

/** Records, for each poll that first shows a step over, how long after the server ended it. */
function watchStepEnds(client: ScalingoClient, latencies: number[]): ScalingoClient {
  const lastFinished = new Map<string, string | null>();
  const getMigration = client.getMigration.bind(client);
  client.getMigration = async (...args: Parameters<ScalingoClient["getMigration"]>): Promise<RegionMigration> => {
    const migration = await getMigration(...args);
    const seenAt = Date.now();
    // A migration seen for the first time was just created: nothing had finished yet.
    const before = lastFinished.get(migration.id) ?? null;
    if (migration.finishedAt && migration.finishedAt !== before) {
      latencies.push(seenAt - Date.parse(migration.finishedAt));
    }
    lastFinished.set(migration.id, migration.finishedAt);
    return migration;
  };
  return client;
}

async function baselineMigration(profile: Profile, seed: number) {
  const simulator = await startSimulator({ port: 0, profile, seed, rateLimitPerMinute: RATE_LIMIT });
  try {
    await runBaselineMigration(simulator.authUrl, DEFAULT_API_TOKEN, "my-app");
    return { requests: simulator.requests().length };
  } finally {
    await simulator.close();
  }
}

async function fleetMigration(profile: Profile, seed: number, count: number, timelinePath?: string) {
  const simulator = await startSimulator({ port: 0, profile, seed, rateLimitPerMinute: RATE_LIMIT });
  const perApp = fleetAppNames(count).map((app) => simulator.stepDurationsFor("osc-fr1", app)!);
  const local = await newLocalStack({
    program: fleetProgram,
    projectName: "scalingo-fleet",
    stackName: "bench",
    env: { SCALINGO_AUTH_URL: simulator.authUrl, SCALINGO_API_TOKEN: DEFAULT_API_TOKEN },
  });
  const memory = new ProviderMemoryProbe();
  try {
    await local.stack.setAllConfig({ "scalingo-fleet:count": { value: String(count) }, "scalingo-fleet:stage": { value: "finalize" } });
    memory.start();
    const started = Date.now();
    await local.stack.up({ onOutput: () => undefined, parallel: count + 1 });
    const wallMs = Date.now() - started;
    memory.stop();
    const fleetApps = fleetAppNames(count);
    const failures = fleetApps.filter((app) => simulator.migrations(app).at(-1)?.status !== "done").length;
    const rateLimited = simulator.requests().filter((r) => r.status === 429).length;
    const requests = simulator.requests().length;
    // For tuning: every request and every migration's steps, to see where the budget sat idle.
    if (timelinePath) writeTimeline(timelinePath, started, simulator.requests(), fleetApps.map((app) => simulator.migrations(app)));

    const state = (await local.stack.exportStack()).deployment as { resources: { type: string; outputs: { __provider?: string } }[] };
    const migrations = state.resources.filter((r) => r.type === "pulumi-nodejs:dynamic/scalingo:AppMigration");
    const providerBytes = Math.round(migrations.reduce((sum, r) => sum + Buffer.byteLength(r.outputs.__provider ?? ""), 0) / migrations.length);

    simulator.clearRequests();
    const noopStarted = Date.now();
    await local.stack.up({ onOutput: () => undefined, parallel: count + 1 });
    const noopUpMs = Date.now() - noopStarted;
    const noopWrites = simulator.requests().filter((r) => r.method !== "GET" && !r.path.endsWith("/tokens/exchange")).length;

    return {
      wallMs,
      ...fleetLowerBound(perApp),
      serverPaths: perApp.map(serverPath),
      failures,
      rateLimited,
      requests,
      providerBytes,
      noopUpMs,
      noopWrites,
      peakRss: memory.peakRssBytes,
    };
  } finally {
    memory.stop();
    local.remove();
    await simulator.close();
  }
}

function writeTimeline(file: string, startedAt: number, requests: RequestLogEntry[], migrations: MigrationSnapshot[][]): void {
  const at = (iso: string | null) => (iso === null ? null : Date.parse(iso) - startedAt);
  const timeline = {
    requests: requests.map((r) => ({ at: at(r.time), method: r.method, path: r.path, status: r.status })),
    migrations: migrations.flat().map((m) => ({
      id: m.id,
      app: m.src_app_name,
      status: m.status,
      startedAt: at(m.started_at),
      finishedAt: at(m.finished_at),
      steps: m.steps.map((s) => s.name),
    })),
  };
  fs.writeFileSync(file, `${JSON.stringify(timeline)}\n`);
}

/** The fleet split over `stacks` processes: with the shared budget (a redis-server of its own), then without. */
async function splitFleetFigures(profile: Profile, count: number, stacks: number, seed: number) {
  splitFleet(count, stacks); // Checks --stacks before anything starts.
  let perApp: Record<StepName, number>[] = [];
  const run = async (shared: boolean) => {
    const simulator = await startSimulator({ port: 0, profile, seed, rateLimitPerMinute: RATE_LIMIT });
    perApp = fleetAppNames(count).map((app) => simulator.stepDurationsFor("osc-fr1", app)!);
    const redis = shared ? await startRedisServer() : undefined;
    try {
      log(`fleet of ${count} over ${stacks} stacks, ${shared ? "one budget shared through Redis" : "a budget per process"}…`);
      const result = await runStackFleet({ authUrl: simulator.authUrl, apiToken: DEFAULT_API_TOKEN, apps: count, stacks, ...(redis ? { redisUrl: redis.url } : {}) });
      const failedUps = result.stacks.filter((s) => s.error !== null);
      for (const s of failedUps) log(`${s.name}: pulumi up failed: ${s.error!.split("\n").find((l) => /error:/.test(l)) ?? s.error!.slice(0, 200)}`);
      const notDone = fleetAppNames(count).filter((app) => simulator.migrations(app).at(-1)?.status !== "done").length;
      const requests = simulator.requests();
      return { wallMs: result.wallMs, rateLimited: requests.filter((r) => r.status === 429).length, failures: notDone, requests: requests.length };
    } finally {
      await redis?.stop();
      await simulator.close();
    }
  };
  const shared = await run(true);
  const unshared = await run(false);
  const bound = fleetLowerBound(perApp);
  const figures = {
    fleetApps: count,
    seed,
    stacks,
    stacksFleetWallMs: shared.wallMs,
    stacksFleetLowerBoundMs: bound.lowerBoundMs,
    stacks429s: shared.rateLimited,
    stacksFailures: shared.failures,
    stacksRequests: shared.requests,
    unsharedStacksFleetWallMs: unshared.wallMs,
    unsharedStacks429s: unshared.rateLimited,
    unsharedStacksFailures: unshared.failures,
    unsharedStacksRequests: unshared.requests,
  };
  const rows: [string, string][] = [
    [`fleet of ${count} over ${stacks} stacks, shared budget: wall time`, `${seconds(shared.wallMs)} (${round(shared.wallMs / bound.lowerBoundMs, 2)}x the single-process bound ${seconds(bound.lowerBoundMs)})`],
    ["  requests / 429s / failed migrations", `${shared.requests} / ${shared.rateLimited} / ${shared.failures}`],
    ["  without the shared budget: wall time", `${seconds(unshared.wallMs)}`],
    ["  requests / 429s / failed migrations", `${unshared.requests} / ${unshared.rateLimited} / ${unshared.failures}`],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  console.log("");
  for (const [key, value] of rows) console.log(`${key.padEnd(width)}  ${value}`);
  return figures;
}

function printTable(f: Record<string, number>, latencySamples: number, fleet: { serverPathMs: number; budgetMs: number; requests: number; noopWrites: number }): void {
  const rows: [string, string][] = [
    ["requests per migration (create → finalize)", `${f.requestsPerMigration}`],
    ["  baseline, polling once a second", `${f.baselineRequestsPerMigration} (${round(f.requestsPerMigration! / f.baselineRequestsPerMigration!, 2)}x)`],
    [`detection latency median / p95 (${latencySamples} step ends)`, `${f.detectionLatencyMedianMs} ms / ${f.detectionLatencyP95Ms} ms`],
    [`fleet of ${f.fleetApps}: wall time`, `${seconds(f.fleetWallMs!)}`],
    ["  lower bound", `${seconds(f.fleetLowerBoundMs!)} (server path ${seconds(fleet.serverPathMs)}, budget ${seconds(fleet.budgetMs)}) → ${round(f.fleetWallMs! / f.fleetLowerBoundMs!, 2)}x`],
    ["  requests / 429s / failed migrations", `${fleet.requests} / ${f.fleet429s} / ${f.fleetFailures}`],
    ["  requests a minute, fleet average", `${round((fleet.requests / f.fleetWallMs!) * 60_000, 1)} (budget ${DEFAULT_BUDGET_PER_MINUTE})`],
    ["__provider bytes per resource", `${f.providerBytesPerResource}`],
    [`no-op pulumi up (${f.fleetApps} resources)`, `${seconds(f.noopUpMs!)} (${fleet.noopWrites} writes)`],
    ["provider process peak RSS", `${round(f.providerPeakRssBytes! / 1_048_576, 1)} MiB`],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  console.log("");
  for (const [key, value] of rows) console.log(`${key.padEnd(width)}  ${value}`);
}

function describeSpread(values: number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  return `min ${seconds(sorted[0]!)}, median ${seconds(percentile(sorted, 50))}, max ${seconds(sorted.at(-1)!)}`;
}

function seconds(ms: number): string {
  return `${round(ms / 1000, 1)} s`;
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

function log(line: string): void {
  console.log(`[bench] ${line}`);
}

main().catch((error: unknown) => {
  console.error(`bench failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
