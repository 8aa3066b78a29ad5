import { SimulatorCore } from "./core";
import type { FaultRule } from "./http/faults";
import type { CapturedRequest } from "./http/request-capture";
import type { RequestLogEntry } from "./http/request-log";
import { startServer } from "./http/server";
import type { MigrationJson } from "./migrations/migration-json";
import type { ScriptedFailure } from "./migrations/scripted-failures";
import type { StepName } from "./migrations/types";
import { resolveOptions, type SimulatorOptions } from "./options";
import type { AppSnapshot } from "./world/app-views";
import type { AsyncFailure } from "./world/public/async-failures";
import type { AsyncTimings } from "./world/public/async-timings";
import type { DatabaseDocument } from "./world/types";

export type { SimulatorOptions } from "./options";
export type { FaultRule } from "./http/faults";
export type { RequestLogEntry } from "./http/request-log";
export type { CapturedRequest } from "./http/request-capture";
export type { ScriptedFailure } from "./migrations/scripted-failures";
export type { StepName, MigrationStatus, SubStep } from "./migrations/types";
export type { Profile } from "./migrations/step-durations";
export type { WorldFixtures } from "./world/fixtures-schema";
export type { AppSnapshot } from "./world/app-views";
export type { AsyncFailure } from "./world/public/async-failures";
export type { AsyncTimings } from "./world/public/async-timings";
export type { DatabaseDocument } from "./world/types";
export { DEFAULT_API_TOKEN, defaultWorldFixtures } from "./world/default-world";
export { FixturesError } from "./world/build-world";
export { StateFileError } from "./state-file";

/** A migration exactly as `GET …/region_migrations/{id}` shows it. */
export type MigrationSnapshot = MigrationJson;

export interface Simulator {
  /** `http://127.0.0.1:<port>`: the auth service, to use as SCALINGO_AUTH_URL. */
  authUrl: string;
  /** `<authUrl>/<region>`: a region's API base (without /v1). */
  regionApiUrl(region: string): string;
  /** Stops timers, saves state (with statePath), closes the server and its connections. */
  close(): Promise<void>;
  requests(): RequestLogEntry[];
  /** Every request whole; throws unless started with `captureRequests`. */
  capturedRequests(): CapturedRequest[];
  /** Empties the request log (and the capture). */
  clearRequests(): void;
  /**
   * Total ms each step of a migration of this app takes, as things stand: the profile (or
   * overrides), the app's data factor and the seed's spread. Undefined for an unknown app.
   */
  stepDurationsFor(region: string, nameOrId: string): Record<StepName, number> | undefined;
  /** An app by name or id in a region, whoever owns it. */
  app(region: string, nameOrId: string): AppSnapshot | undefined;
  /** Every migration, oldest first, optionally only those of one source app name. */
  migrations(appName?: string): MigrationSnapshot[];
  setFaults(rules: FaultRule[]): void;
  clearFaults(): void;
  failSubStep(failure: ScriptedFailure): void;
  clearFailures(): void;
  /** Total ms per step run; sub-steps already running are rescheduled to the new duration. */
  setStepDurations(durations: Partial<Record<StepName, number>>): void;
  /** Back to the initial fixtures and options (the JWT secret stays: tokens remain valid). */
  reset(): void;
  /** A database addon's records and digest; `addon` is its id or its provider (`postgresql`). */
  database(region: string, app: string, addon: string): { documents: DatabaseDocument[]; digest: string };
  /** Replaces a database addon's records. */
  writeDatabase(region: string, app: string, addon: string, documents: DatabaseDocument[]): { documents: DatabaseDocument[]; digest: string };
  /** New addons of `provider` (e.g. `postgresql`) in `region` get `version`: that region's default changed. */
  setDefaultAddonVersion(region: string, provider: string, version: string): void;
  /** `domain`'s DNS now points at `region` (Let's Encrypt certificates follow). */
  pointDns(domain: string, region: string): void;
  /** The next matching deploy, addon provisioning, backup or restore fails. */
  failAsync(failure: AsyncFailure): void;
  clearAsyncFailures(): void;
  /** Ms of the public API's asynchronous jobs and URL lifetime. */
  setAsyncTimings(timings: Partial<AsyncTimings>): void;
}

export async function startSimulator(options?: SimulatorOptions): Promise<Simulator> {
  const resolved = resolveOptions(options);
  const core = new SimulatorCore(resolved);
  let server;
  try {
    server = await startServer(core, resolved.host, resolved.port, resolved.log);
  } catch (error) {
    core.close();
    throw error;
  }
  const { url } = server;
  let closing: Promise<void> | undefined;
  return {
    authUrl: url,
    regionApiUrl(region) {
      if (!core.world.region(region)) {
        const known = core.world.regions().map((r) => r.name).join(", ");
        throw new Error(`unknown region '${region}' (known: ${known})`);
      }
      return `${url}/${region}`;
    },
    close() {
      closing ??= (async () => {
        await server.close();
        // After the server: a request still being answered may change state, and must be saved.
        core.close();
      })();
      return closing;
    },
    requests: () => core.requestLog.list(),
    capturedRequests: () => {
      if (!core.requestCapture) throw new Error("capturedRequests() needs a simulator started with captureRequests: true");
      return core.requestCapture.list();
    },
    clearRequests: () => {
      core.requestLog.clear();
      core.requestCapture?.clear();
    },
    stepDurationsFor: (region, nameOrId) => core.stepDurationsFor(region, nameOrId),
    app: (region, nameOrId) => core.app(region, nameOrId),
    migrations: (appName) => core.migrationSnapshots(appName),
    setFaults: (rules) => core.setFaults(rules),
    clearFaults: () => core.faults.clear(),
    failSubStep: (failure) => core.failSubStep(failure),
    clearFailures: () => core.failures.clear(),
    setStepDurations: (durations) => {
      if (durations) core.setStepDurations(durations);
    },
    reset: () => core.reset(),
    database: (region, app, addon) => core.databaseContents(region, app, addon),
    writeDatabase: (region, app, addon, documents) => core.writeDatabase(region, app, addon, documents),
    pointDns: (domain, region) => core.pointDns(domain, region),
    setDefaultAddonVersion: (region, provider, version) => core.setDefaultAddonVersion(region, provider, version),
    failAsync: (failure) => core.asyncFailures.add(failure),
    clearAsyncFailures: () => core.asyncFailures.clear(),
    setAsyncTimings: (timings) => core.timings.set(timings),
  };
}
