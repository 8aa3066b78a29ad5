import { scalingoClientFromEnvironment, type ScalingoClient } from "../client/scalingo-client";
import { ServerEngine } from "../engines/server/server-engine";
import { ClientEngine } from "../engines/client/client-engine";
import { ClientRecords } from "../engines/client/record";
import { PublicApi } from "../client/public";
import type { EngineChoice, EngineKind } from "../migration/spec";
import { pickEngine, type EnginePick } from "./engine-choice";
import { engineStillThere } from "./engine-watchdog";
import { checkingBeforeWrites } from "../client/request-gate";
import type { MigrationEngine } from "../migration/engine";
import { IntentJournal, journalDirectory } from "../migration/intent-journal";
import { AdaptivePollSchedule } from "../migration/poll-schedule";
import { RegionMigrationUnsupportedError, ScalingoConfigError } from "../client/errors";
import { DEFAULT_BUDGET_PER_MINUTE, RequestScheduler } from "../client/request-scheduler";
import { sharedBudgetPacer, type SharedBudgetSettings } from "../client/shared-budget";

/**
 * The composition root: what one provider process shares between all its resources
 * (credentials, one client and so one request budget, one journal), and the engine that does
 * the migrations. Built lazily: `check` and `diff` run in previews that may have no
 * credentials at all.
 */
interface Settings extends SharedBudgetSettings {
  apiToken?: string;
  authUrl?: string;
  requestsPerMinute?: string;
}

let settings: Settings = {};
let client: ScalingoClient | undefined;
/** Built when first used and again whenever its directory changes (tests give each case its own). */
let journal: { directory: string; journal: IntentJournal } | undefined;
/** The client engine's durable records, beside the intent journal (the directory is read when used). */
const records = new ClientRecords();
/** One for the process: what one migration's steps taught about durations serves the fleet. */
const pollSchedule = new AdaptivePollSchedule();

/** From `configure`: stack config `scalingo:apiToken` (secret) and `scalingo:authUrl`. */
export function configure(config: { get(key: string): string | undefined }): void {
  settings = {
    apiToken: config.get("scalingo:apiToken") || undefined,
    authUrl: config.get("scalingo:authUrl") || undefined,
    requestsPerMinute: config.get("scalingo:requestsPerMinute") || undefined,
    budgetRedisUrl: config.get("scalingo:budgetRedisUrl") || undefined,
    fallbackRequestsPerMinute: config.get("scalingo:budgetFallbackRequestsPerMinute") || undefined,
  };
  client = undefined;
  api = undefined;
}

function scalingoClient(): ScalingoClient {
  client ??= scalingoClientFromEnvironment(process.env, {
    gate: beforeEachWrite(scheduler()),
    ...httpTuning(process.env),
    ...(settings.apiToken ? { apiToken: settings.apiToken } : {}),
    ...(settings.authUrl ? { authUrl: settings.authUrl } : {}),
  });
  return client;
}

/**
 * HTTP timing, for networks slower or faster than usual: SCALINGO_HTTP_TIMEOUT_MS (per attempt,
 * default 30000), SCALINGO_HTTP_RETRIES (default 6), SCALINGO_RETRY_BASE_DELAY_MS (default 500).
 */
function httpTuning(env: NodeJS.ProcessEnv): { timeoutMs?: number; retries?: number; retryBaseDelayMs?: number } {
  const read = (name: string, min: number): number | undefined => {
    const raw = env[name];
    if (raw === undefined || raw === "") return undefined;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min) throw new ScalingoConfigError(name, `${name} must be a whole number of at least ${min}, got '${raw}'`);
    return value;
  };
  const tuning = {
    timeoutMs: read("SCALINGO_HTTP_TIMEOUT_MS", 1),
    retries: read("SCALINGO_HTTP_RETRIES", 0),
    retryBaseDelayMs: read("SCALINGO_RETRY_BASE_DELAY_MS", 1),
  };
  return Object.fromEntries(Object.entries(tuning).filter(([, v]) => v !== undefined));
}

/**
 * Every write, of either engine, first checks that the Pulumi engine that started this process
 * still answers (one local connect), right before it leaves the budget's queue: after a
 * `kill -9` of `pulumi up` an orphaned provider must not send a write it had queued, nor the
 * client engine's next write of a sub-step (they come without a progress line in between).
 */
function beforeEachWrite(gate: RequestScheduler) {
  return checkingBeforeWrites(gate, () => engineStillThere());
}

let sharedScheduler: RequestScheduler | undefined;

/**
 * The process's one request budget (stack config scalingo:requestsPerMinute, or
 * SCALINGO_REQUESTS_PER_MINUTE), shared with the account's other processes through Redis when
 * scalingo:budgetRedisUrl is set (shared-budget.ts).
 */
export function scheduler(): RequestScheduler {
  if (sharedScheduler) return sharedScheduler;
  const raw = settings.requestsPerMinute ?? process.env.SCALINGO_REQUESTS_PER_MINUTE;
  const budget = raw === undefined || raw === "" ? undefined : Number(raw);
  if (budget !== undefined && !(Number.isInteger(budget) && budget >= 2)) {
    throw new ScalingoConfigError("scalingo:requestsPerMinute", `scalingo:requestsPerMinute (or SCALINGO_REQUESTS_PER_MINUTE) must be a whole number of at least 2, got '${raw}'`);
  }
  const apiToken = settings.apiToken ?? process.env.SCALINGO_API_TOKEN;
  const pacer = sharedBudgetPacer(settings, process.env, { apiToken, budgetPerMinute: budget ?? DEFAULT_BUDGET_PER_MINUTE, log });
  sharedScheduler = new RequestScheduler({ budgetPerMinute: budget, pacer });
  return sharedScheduler;
}

let toldTokenMissing = false;

/**
 * The client the engines use. Without a token a preview still shows its plan (the engines
 * skip their online checks): it says once per process that `up` will need one.
 */
function clientForEngines(): ScalingoClient {
  try {
    return scalingoClient();
  } catch (error) {
    if (error instanceof ScalingoConfigError && error.code === "missing_token" && !toldTokenMissing) {
      toldTokenMissing = true;
      log("[scalingo] no Scalingo API token: this plan is not checked against Scalingo, and `pulumi up` will need SCALINGO_API_TOKEN or `pulumi config set --secret scalingo:apiToken <token>`");
    }
    throw error;
  }
}

/** Progress lines go to the console, which the Pulumi CLI shows; tests may redirect them. */
let logSink: (line: string) => void = (line) => console.log(line);

export function setLogSink(sink: (line: string) => void): void {
  logSink = sink;
}

export function log(line: string): void {
  logSink(line);
}

/**
 * The engine for one resource (its name prefixes the progress lines): Scalingo's
 * region-migration API, which does the work on its servers, or this provider itself through
 * the public API. Both share the process's one request budget.
 */
export function engine(resourceName: string, kind: EngineKind = "server"): MigrationEngine {
  if (kind === "client") return new ClientEngine({ api: publicApi, records, log }, resourceName);
  return new ServerEngine({ client: clientForEngines, journal: intentJournal(), schedule: pollSchedule, log }, resourceName);
}

/** Built when used: the journal's directory comes from the environment, which tests change. */
function intentJournal(): IntentJournal {
  const directory = journalDirectory(process.env);
  if (journal?.directory !== directory) journal = { directory, journal: new IntentJournal(directory) };
  return journal.journal;
}

/** Resolves a declared engine for a new migration (one read when it is "auto"). */
export function resolveEngine(declared: EngineChoice, app: string, sourceRegion: string): Promise<EnginePick> {
  return pickEngine(declared, sourceRegion, () =>
    clientForEngines()
      .listMigrations(sourceRegion, app)
      .then(
        () => true,
        (error: unknown) => {
          if (error instanceof RegionMigrationUnsupportedError) return false;
          throw error;
        },
      ),
  );
}

let api: PublicApi | undefined;

/** The public API, on the same credentials and the same request budget as the server engine's client. */
function publicApi(): PublicApi {
  if (!api) {
    // The server client validates the environment (token, auth URL) the same way for both.
    const { authUrl } = clientForEngines();
    const apiToken = (settings.apiToken ?? process.env.SCALINGO_API_TOKEN)!;
    api = new PublicApi({ apiToken, authUrl, gate: beforeEachWrite(scheduler()), ...httpTuning(process.env) });
  }
  return api;
}

/** Values that must never be printed. */
export function knownSecrets(): string[] {
  return [settings.apiToken, process.env.SCALINGO_API_TOKEN].filter((s): s is string => Boolean(s));
}
