import { randomBytes } from "node:crypto";
import { FaultInjector, type FaultRule } from "./http/faults";
import { RateLimiter } from "./http/rate-limiter";
import { RequestCapture } from "./http/request-capture";
import { RequestLog } from "./http/request-log";
import { TokenIssuer } from "./http/token-issuer";
import { migrationJson, type MigrationJson } from "./migrations/migration-json";
import { MigrationService } from "./migrations/migration-service";
import { MigrationStore } from "./migrations/migration-store";
import { RunScheduler } from "./migrations/run-scheduler";
import { ScriptedFailures, type ScriptedFailure } from "./migrations/scripted-failures";
import { StepDurations } from "./migrations/step-durations";
import type { StepName } from "./migrations/types";
import type { ResolvedOptions } from "./options";
import { loadState, StateSaver, type PersistedState } from "./state-file";
import { AppOperations } from "./world/app-operations";
import { appSnapshot, type AppSnapshot } from "./world/app-views";
import { loadFixtures } from "./world/load-fixtures";
import { World } from "./world/world";

/** Everything the simulator holds, wired together; the HTTP server is a view onto it. */
export class SimulatorCore {
  readonly world: World;
  readonly migrationStore: MigrationStore;
  readonly scheduler: RunScheduler;
  readonly migrations: MigrationService;
  readonly apps: AppOperations;
  readonly durations: StepDurations;
  readonly failures = new ScriptedFailures();
  readonly faults = new FaultInjector();
  readonly requestLog = new RequestLog();
  /** Only with `captureRequests`: it holds credentials. */
  readonly requestCapture: RequestCapture | undefined;
  readonly rateLimiter: RateLimiter;
  readonly tokens: TokenIssuer;
  private readonly saver: StateSaver | undefined;
  private readonly jwtSecret: Buffer;

  constructor(private readonly options: ResolvedOptions) {
    const saved = options.statePath ? loadState(options.statePath) : undefined;
    this.world = new World(saved ? saved.world : loadFixtures(options.fixtures));
    this.migrationStore = new MigrationStore(saved ? saved.migrations : []);
    this.jwtSecret = saved ? Buffer.from(saved.jwtSecret, "base64") : randomBytes(32);
    this.tokens = new TokenIssuer(this.jwtSecret, options.jwtTtlSeconds);
    this.requestCapture = options.captureRequests ? new RequestCapture() : undefined;
    this.rateLimiter = new RateLimiter(options.rateLimitPerMinute, options.rateLimitWindowMs);
    this.durations = new StepDurations(options.profile, options.stepDurations, options.seed);
    this.saver = options.statePath ? new StateSaver(options.statePath, () => this.persistedState()) : undefined;
    this.scheduler = new RunScheduler({
      world: this.world,
      migrations: this.migrationStore,
      durations: this.durations,
      failures: this.failures,
      onChange: () => this.changed(),
      log: options.log,
    });
    this.migrations = new MigrationService(this.world, this.migrationStore, this.scheduler);
    this.apps = new AppOperations(this.world);
    this.applyScriptedSetup();
    this.scheduler.resumeAll();
    this.saver?.flush();
  }

  /** Something changed: save it (once per event-loop turn). */
  changed(): void {
    this.saver?.request();
  }

  /** Back to the initial fixtures and options: no migrations, faults, failures or request log. */
  reset(): void {
    this.scheduler.stopAll();
    this.world.replace(loadFixtures(this.options.fixtures));
    this.migrationStore.replace([]);
    this.durations.reset();
    this.failures.clear();
    this.faults.clear();
    this.requestLog.clear();
    this.requestCapture?.clear();
    this.rateLimiter.reset();
    this.applyScriptedSetup();
    this.changed();
  }

  setFaults(rules: FaultRule[]): void {
    this.faults.set(rules);
  }

  failSubStep(failure: ScriptedFailure): void {
    this.failures.add(failure);
  }

  setStepDurations(durations: Partial<Record<StepName, number>>): void {
    this.durations.set(durations);
    this.scheduler.rescheduleRunning();
  }

  /** What each step of a migration of this app takes now (profile or overrides, its factors). */
  stepDurationsFor(region: string, nameOrId: string): Record<StepName, number> | undefined {
    const app = this.world.findApp(region, nameOrId);
    if (!app) return undefined;
    const all = this.durations.all();
    return Object.fromEntries(
      (Object.keys(all) as StepName[]).map((step) => [step, Math.round(all[step] * this.durations.factorFor(step, app))]),
    ) as Record<StepName, number>;
  }

  app(region: string, nameOrId: string): AppSnapshot | undefined {
    const app = this.world.findApp(region, nameOrId);
    return app ? appSnapshot(app, this.world.account(app.ownerId)) : undefined;
  }

  /** Every migration (optionally of one source app name), oldest first. */
  migrationSnapshots(appName?: string): MigrationJson[] {
    return this.migrationStore
      .all()
      .filter((m) => appName === undefined || m.srcAppName === appName)
      .map(migrationJson);
  }

  stateSnapshot(): { apps: AppSnapshot[]; migrations: MigrationJson[] } {
    return {
      apps: this.world.current.apps.map((app) => appSnapshot(app, this.world.account(app.ownerId))),
      migrations: this.migrationSnapshots(),
    };
  }

  close(): void {
    this.scheduler.stopAll();
    this.saver?.flush();
  }

  private applyScriptedSetup(): void {
    this.faults.set(this.options.faults);
    for (const failure of this.options.failures) this.failures.add(failure);
  }

  private persistedState(): PersistedState {
    return {
      version: 1,
      savedAt: new Date().toISOString(),
      jwtSecret: this.jwtSecret.toString("base64"),
      world: this.world.current,
      migrations: this.migrationStore.all(),
    };
  }
}
