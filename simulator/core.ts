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
import { AsyncFailures } from "./world/public/async-failures";
import { AsyncTimingSettings } from "./world/public/async-timings";
import type { PublicContext } from "./world/public/context";
import { settle } from "./world/public/settle";
import { UrlSigner } from "./world/url-signer";
import { World } from "./world/world";
import { InvalidError, NotFoundError } from "./domain-errors";
import { documentsDigest } from "./world/addon-identity";
import { pointDns } from "./world/public/domain-ops";
import type { App, DatabaseDocument, Project } from "./world/types";

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
  readonly timings: AsyncTimingSettings;
  readonly asyncFailures = new AsyncFailures();
  readonly signer: UrlSigner;
  /** What the public-API operations work with. */
  readonly publicApi: PublicContext;
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
    this.timings = new AsyncTimingSettings(options.profile, options.asyncTimings);
    this.signer = new UrlSigner(this.jwtSecret);
    this.publicApi = { world: this.world, timings: this.timings, failures: this.asyncFailures, signer: this.signer, now: () => Date.now() };
    this.applyScriptedSetup();
    this.scheduler.resumeAll();
    this.saver?.flush();
  }

  /** Something changed: save it (once per event-loop turn). */
  changed(): void {
    this.saver?.request();
  }

  /** Applies every asynchronous public-API effect now due (operations, backups, deployments, …). */
  settle(): void {
    if (settle(this.publicApi)) this.changed();
  }

  /** Back to the initial fixtures and options: no migrations, faults, failures or request log. */
  reset(): void {
    this.scheduler.stopAll();
    this.world.replace(loadFixtures(this.options.fixtures));
    this.migrationStore.replace([]);
    this.durations.reset();
    this.timings.reset();
    this.asyncFailures.clear();
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
    this.settle();
    const app = this.world.findApp(region, nameOrId);
    return app ? appSnapshot(app, this.world.account(app.ownerId), this.world.current.dns, this.projectOf(app)) : undefined;
  }

  /** The app's project, as its public view names it (the admin view used to say "default" for all). */
  private projectOf(app: App): Project | undefined {
    return this.world.current.projects.find((p) => p.id === app.projectId);
  }

  /** A database addon's records and digest (the admin API's view). */
  databaseContents(region: string, appNameOrId: string, addonId: string): { documents: DatabaseDocument[]; digest: string } {
    this.settle();
    const addon = this.databaseAddon(region, appNameOrId, addonId);
    const documents = addon.documents ?? [];
    return { documents: documents.map((d) => ({ id: d.id, fields: { ...d.fields } })), digest: documentsDigest(documents) };
  }

  /** Replaces a database addon's records (tests and the demo seed data this way). */
  writeDatabase(region: string, appNameOrId: string, addonId: string, documents: DatabaseDocument[]): { documents: DatabaseDocument[]; digest: string } {
    this.settle();
    this.databaseAddon(region, appNameOrId, addonId).documents = documents.map((d) => ({ id: d.id, fields: { ...d.fields } }));
    this.changed();
    return this.databaseContents(region, appNameOrId, addonId);
  }

  /** `domain`'s DNS now points at `region`: Let's Encrypt certificates are issued there. */
  /** New addons of `provider` in `region` get `version` (Scalingo's default there). */
  setDefaultAddonVersion(region: string, provider: string, version: string): void {
    const found = this.world.region(region);
    if (!found) throw new NotFoundError("region");
    if (!/^\d+(\.\d+)*$/.test(version)) throw new InvalidError("version", "must be a dotted version number such as 15.4.0");
    found.defaultAddonVersions = { ...found.defaultAddonVersions, [provider]: version };
    this.changed();
  }

  pointDns(domain: string, region: string): void {
    if (!this.world.region(region)) throw new InvalidError("region", `unknown region '${region}'`);
    pointDns(this.world, domain, region, Date.now());
    this.changed();
  }

  private databaseAddon(region: string, appNameOrId: string, addonId: string) {
    const app = this.world.findApp(region, appNameOrId);
    if (!app) throw new NotFoundError("app");
    const addon = app.addons.find((a) => a.id === addonId || a.providerId === addonId);
    if (!addon || !addon.documents) throw new NotFoundError("database");
    return addon;
  }

  /** Every migration (optionally of one source app name), oldest first. */
  migrationSnapshots(appName?: string): MigrationJson[] {
    return this.migrationStore
      .all()
      .filter((m) => appName === undefined || m.srcAppName === appName)
      .map(migrationJson);
  }

  stateSnapshot(): { apps: AppSnapshot[]; migrations: MigrationJson[] } {
    this.settle();
    return {
      apps: this.world.current.apps.map((app) => appSnapshot(app, this.world.account(app.ownerId), this.world.current.dns, this.projectOf(app))),
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
