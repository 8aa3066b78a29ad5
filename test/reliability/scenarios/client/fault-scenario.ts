import * as fs from "node:fs";
import * as path from "node:path";
import type { AsyncFailure, AsyncTimings, FaultRule, Simulator } from "../../../../simulator";
import { DEMO_TOKEN, simulatorWithEnv } from "../../../support/simulator-env";
import { declaration, type Props } from "../../support/declarations";
import { SHORT_TIMEOUT_ENV, withEnvironment } from "../../support/environment";
import { sharedProvider } from "../../support/provider-driver";
import { faultsIn } from "../../support/request-audit";
import { credentialsOnTheWire, leakCount } from "../../support/secret-scan";
import type { ScenarioResult } from "../result";
import { clientDuplicates, clientSecrets, CREATED_KINDS, secretsFoundIn, sourceDifferences, STARTED_KINDS } from "./audit";
import { archiveFor, DESTINATION, FAST_ASYNC, runFolder, simulatorOptions, SOURCE, worldWithPlantedSecret, type FixtureApp } from "./world";

/** A user re-runs `pulumi up` (or `pulumi destroy`) after a failure; this many times at most. */
const MAX_UPS = 6;
const MAX_DESTROYS = 3;

/**
 * One client-engine run against a misbehaving Scalingo: the faults (network, 5xx, 429) and
 * asynchronous failures it meets, the stage it aims for, and what a person does in between.
 * `stage: "data"` runs end with `pulumi destroy` (abort) and a check that the source is back.
 */
export interface ClientFaultCase {
  name: string;
  app: FixtureApp;
  stage: "finalize" | "data";
  faults?: FaultRule[];
  /** Faults set only for the abort (`pulumi destroy`). */
  abortFaults?: FaultRule[];
  asyncFailures?: AsyncFailure[];
  asyncTimings?: Partial<AsyncTimings>;
  /** The account's own rate limit (the provider's budget is lifted, so it meets 429s). */
  rateLimit?: { perMinute: number; windowMs: number };
  /** Latency faults need a client that gives up first: SCALINGO_HTTP_TIMEOUT_MS shortened. */
  shortTimeout?: boolean;
  /** What the person changes before re-running `pulumi up` (after failed up number `failedUps`). */
  beforeRetry?: (simulator: Simulator, failedUps: number) => void;
  /** Restores the scenario makes fail on purpose: each is legitimately started again. */
  failedRestores?: number;
}

const POST_ANYWHERE_ON_DESTINATION = { method: "POST", region: DESTINATION, path: "**" } as const;

/**
 * The runs `npm run reliability` makes through the client engine (the serialized provider, as
 * the engine loads it), besides the kill -9 runs. Each names the fault kind and where it hits.
 */
export const CLIENT_FAULT_CASES: readonly ClientFaultCase[] = [
  {
    name: "5xx on destination writes (shop-app)",
    app: "shop-app",
    stage: "finalize",
    faults: [
      { ...POST_ANYWHERE_ON_DESTINATION, status: 500, count: 2 },
      { method: "PUT", region: DESTINATION, path: "**", status: 503, count: 1 },
    ],
  },
  {
    // The riskiest fault for duplicates: the object exists, the engine was told it failed.
    name: "lost answers: 502 after processing on destination creates (shop-app)",
    app: "shop-app",
    stage: "finalize",
    faults: [{ ...POST_ANYWHERE_ON_DESTINATION, status: 502, processFirst: true, count: 5 }],
  },
  {
    name: "connections dropped after processing on notifier, alert and log-drain creates (shop-app → data, abort)",
    app: "shop-app",
    stage: "data",
    faults: [
      { method: "POST", region: DESTINATION, path: "/v1/apps/*/notifiers", drop: "after", count: 1 },
      { method: "POST", region: DESTINATION, path: "/v1/apps/*/alerts", drop: "after", count: 1 },
      { method: "POST", region: DESTINATION, path: "/v1/apps/*/log_drains", drop: "after", count: 1 },
    ],
  },
  {
    // The backup exists on the source; the engine never learnt its id.
    name: "connection dropped after processing on the backup's start (shop-app → data, abort)",
    app: "shop-app",
    stage: "data",
    faults: [{ method: "POST", region: SOURCE, path: "/api/databases/*/backups", drop: "after", count: 1 }],
  },
  {
    name: "dropped connections and timeouts on reads and polls (shop-app)",
    app: "shop-app",
    stage: "finalize",
    shortTimeout: true,
    faults: [
      { method: "GET", path: "/v1/apps/*/deployments/*", drop: "before", count: 2 },
      { method: "GET", path: "/v1/apps/*/addons/*", latencyMs: 2_500, count: 1 },
      { method: "GET", path: "/api/backups/*", drop: "before", count: 1 },
      { method: "GET", path: "/v1/apps/*/operations/*", latencyMs: 2_500, count: 1 },
    ],
  },
  {
    // Each 429 costs the provider a 5 s pause: a limit it meets a few times, not a hundred.
    name: "429s: the account held to 30 requests a second (shop-app)",
    app: "shop-app",
    stage: "finalize",
    rateLimit: { perMinute: 30, windowMs: 1_000 },
  },
  {
    name: "async failures: addon provisioning, build, backup, restore fail once each (shop-app)",
    app: "shop-app",
    stage: "finalize",
    asyncFailures: [
      { kind: "addon", app: "shop-app", region: DESTINATION, times: 1, message: "no capacity" },
      { kind: "deploy", app: "shop-app", region: DESTINATION, times: 1 },
      { kind: "backup", app: "shop-app", region: SOURCE, times: 1 },
      { kind: "restore", app: "shop-app", times: 1, message: "could not connect to the server" },
    ],
    failedRestores: 1,
  },
  {
    name: "git-push-app from a sourceArchive: upload dropped, deployment answer lost",
    app: "git-push-app",
    stage: "finalize",
    faults: [
      { method: "POST", region: DESTINATION, path: "/v1/sources", drop: "after", count: 1 },
      { method: "POST", region: DESTINATION, path: "/v1/apps/*/deployments", status: 502, processFirst: true, count: 1 },
    ],
  },
  {
    name: "mysql-app from a sourceArchive: 5xx on the Database API, an expired backup URL (→ data, abort)",
    app: "mysql-app",
    stage: "data",
    asyncTimings: { urlTtl: 1 },
    faults: [{ method: "GET", path: "/api/**", status: 503, count: 2 }],
    // The person reads "curl: (22) … 403" and runs `pulumi up` again; URLs live long enough by then.
    beforeRetry: (simulator) => simulator.setAsyncTimings({ urlTtl: 600_000 }),
    failedRestores: 1,
  },
  {
    // The one-off runs; the engine is told it did not start.
    name: "lost answer on the restore one-off's start (shop-app → data, abort)",
    app: "shop-app",
    stage: "data",
    faults: [{ method: "POST", region: DESTINATION, path: "/v1/apps/*/run", status: 502, processFirst: true, count: 1 }],
  },
  {
    name: "abort through faults: 5xx on the source's scale, lost answer on the delete (shop-app → data)",
    app: "shop-app",
    stage: "data",
    abortFaults: [
      { method: "POST", region: SOURCE, path: "/v1/apps/*/scale", status: 500, count: 1 },
      { method: "DELETE", region: DESTINATION, path: "/v1/apps/*", drop: "after", count: 1 },
      { method: "PATCH", region: SOURCE, path: "/v1/apps/*/scm_repo_link", status: 503, count: 1 },
    ],
  },
];

/**
 * A client-engine migration of `testCase.app` on a fresh simulator, through the serialized
 * provider: check, create, and after each failure the update the next `pulumi up` makes
 * (from the partial state), until the stage is reached. Then, for `data` runs, destroy until
 * it succeeds, and the source must be as it was (formation, auto-deploy).
 */
export async function clientFaultScenario(testCase: ClientFaultCase): Promise<ScenarioResult> {
  const { fixtures, secret } = worldWithPlantedSecret();
  const rate = testCase.rateLimit;
  const simulator = await simulatorWithEnv(simulatorOptions(fixtures, rate ? { rateLimitPerMinute: rate.perMinute, rateLimitWindowMs: rate.windowMs } : {}));
  const folder = runFolder();
  try {
    simulator.setAsyncTimings({ ...FAST_ASYNC, ...testCase.asyncTimings });
    for (const failure of testCase.asyncFailures ?? []) simulator.failAsync(failure);
    simulator.setFaults(testCase.faults ?? []);
    const before = simulator.app(SOURCE, testCase.app)!;
    const archive = archiveFor(testCase.app, folder);
    const declared = declaration(testCase.app, { engine: "client", stage: testCase.stage, ...(archive ? { sourceArchive: archive } : {}) });
    const drive = await withEnvironment(testCase.shortTimeout ? SHORT_TIMEOUT_ENV : {}, () => upUntilReached(declared, testCase, simulator));
    const target = testCase.stage === "finalize" ? "done" : "data-migrated";
    const reached = drive.outputs?.status === target;
    const duplicates = await clientDuplicates(simulator, testCase.app, { faults: [...(testCase.faults ?? [])], failedRestores: testCase.failedRestores });
    const violations: string[] = [];
    let destroys = 0;
    if (reached && testCase.stage === "data") {
      simulator.setFaults(testCase.abortFaults ?? []);
      const aborted = await destroyUntilDone(drive.id!, drive.outputs!);
      destroys = aborted.destroys;
      drive.errors.push(...aborted.errors);
      if (!aborted.done) violations.push(`pulumi destroy failed ${MAX_DESTROYS} times: ${aborted.errors.at(-1)}`);
      if (simulator.app(DESTINATION, testCase.app)) violations.push("the destination app is still there after the abort");
      violations.push(...sourceDifferences(before, simulator.app(SOURCE, testCase.app)));
    }
    const entries = simulator.requests();
    const captured = simulator.capturedRequests();
    const secrets = clientSecrets(simulator, [testCase.app], [secret, DEMO_TOKEN]);
    const records = recordFiles();
    const artifacts = [drive.outputs, drive.logs.join("\n"), drive.errors.join("\n"), entries, ...records];
    const leaks = secretsFoundIn(artifacts, secrets, (i) => ["the outputs", "the provider's log lines", "the error messages", "the request log", ...records.map(() => "a client-engine record")][i] ?? "an artifact");
    const wire = credentialsOnTheWire(captured, [DEMO_TOKEN]);
    const jwtLeaks = leakCount(artifacts.slice(0, 3), [DEMO_TOKEN]);
    const created = CREATED_KINDS.reduce((n, kind) => n + duplicates[kind], 0);
    const started = STARTED_KINDS.reduce((n, kind) => n + duplicates[kind], 0);
    return {
      name: `client: ${testCase.name}`,
      engine: "client",
      migrationsIntended: 1,
      migrationsCompleted: reached && !violations.length ? 1 : 0,
      faultsInjected: faultsIn(entries) + entries.filter((e) => e.status === 429 && !e.fault).length + (testCase.asyncFailures ?? []).reduce((n, f) => n + (f.times ?? 1), 0),
      duplicateCreates: created,
      duplicateRuns: started,
      duplicatesByKind: nonZero(duplicates),
      tokenLeaks: leaks.length + wire.outOfPlace.length + jwtLeaks,
      credentialsInPlace: wire.inPlace,
      ...(leaks.length + wire.outOfPlace.length + jwtLeaks ? { leaks: [...leaks, ...wire.outOfPlace, ...(jwtLeaks ? [`${jwtLeaks} artifact(s) hold a bearer`] : [])] } : {}),
      ...(reached ? {} : { failure: drive.errors.at(-1)?.slice(0, 400) ?? `ended ${String(drive.outputs?.status)}` }),
      ...(violations.length ? { violations } : {}),
      evidence: { ups: drive.ups, destroys, requests: entries.length, rateLimited: entries.filter((e) => e.status === 429).length },
    };
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
    await simulator.close();
  }
}

interface Drive {
  id?: string;
  outputs?: Props;
  ups: number;
  errors: string[];
  logs: string[];
}

/** `pulumi up`, then again after each failure, as a person would, up to MAX_UPS times. */
async function upUntilReached(declared: Props, testCase: ClientFaultCase, simulator: Simulator): Promise<Drive> {
  const provider = await sharedProvider();
  await provider.configure();
  const logsBefore = provider.logs.length;
  const drive: Drive = { ups: 0, errors: [], logs: [] };
  let state: { id: string; props: Props } | undefined;
  try {
    while (drive.ups < MAX_UPS) {
      if (drive.ups > 0) testCase.beforeRetry?.(simulator, drive.ups);
      drive.ups++;
      try {
        const checked = await provider.check(state?.props ?? {}, declared);
        if (checked.failures.length) throw new Error(`check refused: ${JSON.stringify(checked.failures)}`);
        if (!state) {
          const created = await provider.create(checked.inputs);
          return Object.assign(drive, { id: created.id, outputs: created.outs });
        }
        const updated = await provider.update(state.id, state.props, checked.inputs);
        return Object.assign(drive, { id: state.id, outputs: updated.outs });
      } catch (error) {
        const failed = error as { message?: string; id?: string; properties?: Props };
        drive.errors.push(String(failed.message ?? error));
        // The engine keeps the partial state a failed create or update hands it.
        if (failed.id && failed.properties) state = { id: failed.id, props: failed.properties };
      }
    }
    return drive;
  } finally {
    drive.logs = provider.logs.slice(logsBefore);
  }
}

/** `pulumi destroy` until it succeeds, up to MAX_DESTROYS times. */
async function destroyUntilDone(id: string, outputs: Props): Promise<{ done: boolean; destroys: number; errors: string[] }> {
  const provider = await sharedProvider();
  const errors: string[] = [];
  for (let destroys = 1; destroys <= MAX_DESTROYS; destroys++) {
    try {
      await provider.delete(id, outputs);
      return { done: true, destroys, errors };
    } catch (error) {
      errors.push((error as Error).message);
    }
  }
  return { done: false, destroys: MAX_DESTROYS, errors };
}

/** The client engine's records on this machine (PULUMI_SCALINGO_JOURNAL_DIR, set by sharedProvider). */
function recordFiles(): string[] {
  const dir = process.env.PULUMI_SCALINGO_JOURNAL_DIR;
  if (!dir || !fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((file) => file.startsWith("client-"))
    .map((file) => fs.readFileSync(path.join(dir, file), "utf8"));
}

function nonZero(counts: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(counts).filter(([, n]) => n > 0));
}
