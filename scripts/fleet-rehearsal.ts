/**
 * `npm run -s bench:compressed [-- --scale K] [--fleet N] [--parallel P] [--seed S]`: a fleet of N migrations through the
 * provider's own pieces (client, request scheduler, poll schedule, migrator) against the
 * simulator, with every duration divided by K: step durations, the rate-limit window, the
 * scheduler's window and the poll schedule. A tuning aid for the request scheduler, about K
 * times faster than the real fleet benchmark; it has no Pulumi engine in it, so the figure
 * that counts stays `npm run bench`. Durations vary per app as in the bench (`--seed`).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { ScalingoClient } from "../provider/client";
import { RequestScheduler } from "../provider/client/request-scheduler";
import { IntentJournal } from "../provider/migration/intent-journal";
import { Migrator } from "../provider/engines/server/migrator";
import { AdaptivePollSchedule, DEFAULT_POLLING } from "../provider/migration/poll-schedule";
import { DEFAULT_API_TOKEN, startSimulator } from "../simulator";
import { PROFILE_DURATIONS } from "../simulator/migrations/step-durations";
import { fleetAppNames, fleetLowerBound, finalizeSpec, parseFleetSize, parseSeed, RATE_LIMIT } from "./bench/fleet";

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { scale: { type: "string", default: "10" }, fleet: { type: "string", default: "50" }, parallel: { type: "string" }, seed: { type: "string" } },
    strict: true,
  });
  const scale = Number(values.scale);
  const count = parseFleetSize(values.fleet);
  const seed = parseSeed(values.seed);
  if (!(scale >= 1 && scale <= 50)) throw new Error(`--scale must be a number from 1 to 50, got '${values.scale}'`);
  // Like `pulumi up --parallel P`: the engine runs at most P resource operations at once.
  const parallel = values.parallel === undefined ? count : Number(values.parallel);
  if (!Number.isInteger(parallel) || parallel < 1) throw new Error(`--parallel must be a whole number of at least 1, got '${values.parallel}'`);
  const shrink = <T extends Record<string, number>>(durations: T): T =>
    Object.fromEntries(Object.entries(durations).map(([k, v]) => [k, v / scale])) as T;
  const grow = <T extends Record<string, number>>(durations: T): T =>
    Object.fromEntries(Object.entries(durations).map(([k, v]) => [k, v * scale])) as T;

  const realistic = PROFILE_DURATIONS.realistic;
  const simulator = await startSimulator({ port: 0, profile: "realistic", seed, stepDurations: shrink(realistic), rateLimitPerMinute: RATE_LIMIT, rateLimitWindowMs: 60_000 / scale });
  console.log(`seed ${seed} (replay: --seed ${seed})`);
  const journalDir = fs.mkdtempSync(path.join(os.tmpdir(), "fleet-rehearsal-"));
  try {
    const scheduler = new RequestScheduler({ windowMs: 60_000 / scale, rateLimitPauseMs: 5_000 / scale });
    const client = new ScalingoClient({ apiToken: DEFAULT_API_TOKEN, authUrl: simulator.authUrl, gate: scheduler });
    const polling = { ...DEFAULT_POLLING, ...shrink({ firstDelayMs: DEFAULT_POLLING.firstDelayMs, rampMs: DEFAULT_POLLING.rampMs, dueGapMs: DEFAULT_POLLING.dueGapMs, maxGapMs: DEFAULT_POLLING.maxGapMs }), expectedMs: shrink(DEFAULT_POLLING.expectedMs) };
    const schedule = new AdaptivePollSchedule(polling);
    const migrator = new Migrator({ client, journal: new IntentJournal(journalDir), schedule, log: () => undefined }, "rehearsal");
    const apps = fleetAppNames(count);
    const started = Date.now();
    const results = await inSlots(parallel, apps, (app) => migrator.advance(finalizeSpec(app, `rehearsal/${app}`), { reachedStage: null }));
    const wallMs = (Date.now() - started) * scale;
    const { lowerBoundMs } = fleetLowerBound(apps.map((app) => grow(simulator.stepDurationsFor("osc-fr1", app)!)));
    const requests = simulator.requests();
    const failed = results.filter((r) => r.status === "rejected").length;
    const perMinute = (requests.length / wallMs) * 60_000;
    console.log(
      `fleet of ${count} (parallel ${parallel}) at 1/${scale} time, in real-time units: ${(wallMs / 1000).toFixed(1)} s against a lower bound of ${(lowerBoundMs / 1000).toFixed(0)} s → ${(wallMs / lowerBoundMs).toFixed(2)}x; ` +
        `${requests.length} requests (${(requests.length / count).toFixed(1)} per migration, ${perMinute.toFixed(1)} a minute), ${requests.filter((r) => r.status === 429).length} × 429, ${failed} failed`,
    );
    const learned = (["preflight", "prepare", "data", "finalize"] as const).map((step) => `${step} ${((schedule.expectedMs(step) * scale) / 1000).toFixed(1)} s`);
    console.log(`durations learned by the end: ${learned.join(", ")} (server: ${Object.values(realistic).slice(0, 4).map((ms) => ms / 1000).join(", ")} s)`);
  } finally {
    fs.rmSync(journalDir, { recursive: true, force: true });
    await simulator.close();
  }
}

/** Runs `work` for every item, at most `slots` at once, in order: how the engine schedules resource operations. */
async function inSlots<T, R>(slots: number, items: T[], work: (item: T) => Promise<R>): Promise<PromiseSettledResult<R>[]> {
  const results: PromiseSettledResult<R>[] = [];
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!).then(
        (value) => ({ status: "fulfilled" as const, value }),
        (reason: unknown) => ({ status: "rejected" as const, reason }),
      );
    }
  };
  await Promise.all(Array.from({ length: Math.min(slots, items.length) }, worker));
  return results;
}

main().catch((error: unknown) => {
  console.error(`fleet rehearsal failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
