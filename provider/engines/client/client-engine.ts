import { randomUUID } from "node:crypto";
import { ScalingoConfigError } from "../../client/errors";
import type { PublicApi } from "../../client/public";
import type { AbortSpec, DeclarationProblem, MigrationEngine, PlanTarget, PreviousState, UpPlan } from "../../migration/engine";
import { MigrationConflictError } from "../../migration/errors";
import type { PollSchedule } from "../../migration/poll-schedule";
import type { MigrationSnapshot } from "../../migration/snapshot";
import type { MigrationSpec } from "../../migration/spec";
import type { RunStep, Stage } from "../../migration/stages";
import { abort } from "./abort";
import { serialised } from "./app-lock";
import { migrateData } from "./data";
import { finalize } from "./finalize";
import { preflight } from "./preflight";
import { prepare } from "./prepare";
import type { ClientRecord, ClientRecords } from "./record";
import { previewChanges } from "./preview";
import { previewReader, takePreviewReads } from "./preview-handoff";
import { readBack } from "./refresh";
import { MigrationRun } from "./run";
import { asyncPollSchedule, type AsyncWork } from "./waiting";
import { planFrom, resumeStepOf, snapshotOfRecord, STEP_STATUS, stepsToRun } from "./status";

export interface ClientEngineDeps {
  /** The public API, built on first use (planning needs none; a preview may have no token). */
  api: () => PublicApi;
  records: ClientRecords;
  /** When to look at asynchronous work (addons, deployments, backups, operations); one per process by default. */
  schedule?: PollSchedule<AsyncWork>;
  log: (line: string) => void;
  sleep?: (ms: number) => Promise<void>;
}

const RUNNERS: Readonly<Record<RunStep, (run: MigrationRun) => Promise<void>>> = { preflight, prepare, data: migrateData, finalize };

/**
 * The second engine: this provider redoes the retired region-migration tool's work through
 * Scalingo's public API. Scalingo keeps no migration object, so the migration is the durable
 * record on this machine (record.ts); each step is a list of reconciles (see prepare/).
 */
export class ClientEngine implements MigrationEngine {
  constructor(
    private readonly deps: ClientEngineDeps,
    private readonly resourceName: string,
  ) {}

  plan(target: PlanTarget, last: MigrationSnapshot | undefined): UpPlan {
    return planFrom(target, last);
  }

  advance(spec: MigrationSpec, previous: PreviousState): Promise<MigrationSnapshot> {
    return serialised(`${spec.sourceRegion}/${spec.app}`, async () => {
      const record = this.recordFor(spec, previous);
      const run = this.run(spec, record);
      const target = { stage: spec.stage, migrateData: spec.migrateData };
      const steps = stepsToRun(record.status, record.reachedStage, resumeStepOf(record), target);
      run.workAhead.plan(steps);
      for (const step of steps) {
        if (step === "preflight" && record.status !== "created") Object.assign(record, freshState());
        await this.runStep(run, step);
        run.workAhead.stepDone(step);
      }
      return snapshotOfRecord(record);
    });
  }

  abort(spec: AbortSpec, known: { migrationId: string; status?: string }): Promise<void> {
    return serialised(`${spec.sourceRegion}/${spec.app}`, async () => {
      const record = this.deps.records.read(spec.owner, spec.app, spec.sourceRegion);
      // After done there is nothing to undo: the new app is the app now. No call.
      if (!record || record.id !== known.migrationId || record.status === "done" || record.status === "aborted" || record.status === "preflight-error") return;
      const run = this.run({ ...spec, newName: record.dstAppName, stage: "create", migrateData: true, engine: "client" }, record);
      run.startStep("abort");
      await abort(run);
    });
  }

  async read(spec: MigrationSpec, migrationId: string, _reachedStage: Stage | null): Promise<MigrationSnapshot | undefined> {
    const record = this.deps.records.read(spec.owner, spec.app, spec.sourceRegion);
    if (!record || record.id !== migrationId) return undefined;
    const snapshot = snapshotOfRecord(record);
    if (record.status === "aborted" || record.status === "preflight-error" || record.reachedStage === null) return snapshot;
    return readBack(this.deps.api(), record, snapshot);
  }

  async checkDeclaration(declaration: Partial<Pick<MigrationSpec, "app" | "sourceRegion" | "destinationRegion" | "migrationId">>): Promise<DeclarationProblem[]> {
    if (declaration.migrationId) {
      return [{ property: "migrationId", reason: "migrationId adopts a migration of Scalingo's region-migration API: the client engine keeps its own (set engine: \"server\", or drop migrationId)" }];
    }
    let api: PublicApi;
    try {
      api = this.deps.api();
    } catch (error) {
      if (error instanceof ScalingoConfigError) return [];
      throw error;
    }
    const problems: DeclarationProblem[] = [];
    try {
      const regions = (await api.regions()).map((r) => r.name);
      for (const property of ["sourceRegion", "destinationRegion"] as const) {
        const region = declaration[property];
        if (region !== undefined && !regions.includes(region)) problems.push({ property, reason: `${property} '${region}' is not a region this account may use (${regions.join(", ")})` });
      }
    } catch {
      return problems; // unreachable: the update reports it
    }
    return problems;
  }

  async describeNextUp(spec: MigrationSpec, last: MigrationSnapshot | undefined, plan: UpPlan): Promise<string[]> {
    if (!plan.steps.length) return [];
    return previewChanges(this.deps.api(), spec, plan.steps, last?.destination.appId ?? null, previewReader(spec.owner, spec.sourceRegion, spec.app));
  }

  private async runStep(run: MigrationRun, step: RunStep): Promise<void> {
    const { record } = run;
    record.status = step === "preflight" ? "created" : "running";
    record.currentStep = step;
    run.save();
    run.startStep(step);
    await RUNNERS[step](run);
    record.status = STEP_STATUS[step].status;
    record.reachedStage = STEP_STATUS[step].stage;
    record.currentStep = null;
    if (step === "finalize") record.finishedAt = new Date().toISOString();
    if (step === "prepare") record.preparedAt = new Date().toISOString();
    run.save();
  }

  /** The migration's record: the one on disk for this resource, or a new one (new UUID) for a first run or after an abort. */
  private recordFor(spec: MigrationSpec, previous: PreviousState): ClientRecord {
    const found = this.deps.records.read(spec.owner, spec.app, spec.sourceRegion);
    if (found && previous.migrationId && found.id !== previous.migrationId) {
      throw new MigrationConflictError("record_mismatch", `The client engine's record on this machine is for migration ${found.id}, not ${previous.migrationId} as the stack says: run \`pulumi refresh\`, or remove ${this.deps.records.file(spec.owner, spec.app, spec.sourceRegion)} if it is stale.`);
    }
    if (!found && previous.migrationId && previous.reachedStage !== null) {
      throw new MigrationConflictError(
        "record_missing",
        `The client engine's record of migration ${previous.migrationId} is not on this machine (${this.deps.records.file(spec.owner, spec.app, spec.sourceRegion)}; PULUMI_SCALINGO_JOURNAL_DIR): run \`pulumi up\` where it was started, or copy that file here.`,
      );
    }
    if (found && found.status !== "aborted" && found.status !== "preflight-error" && found.destinationRegion === spec.destinationRegion) return found;
    const record: ClientRecord = {
      version: 1,
      id: randomUUID(),
      owner: spec.owner,
      app: spec.app,
      sourceRegion: spec.sourceRegion,
      destinationRegion: spec.destinationRegion,
      dstAppName: spec.newName || spec.app,
      source: { appId: "", appName: spec.app },
      ...freshState(),
    };
    this.deps.records.write(record);
    return record;
  }

  private run(spec: MigrationSpec, record: ClientRecord): MigrationRun {
    const sleep = this.deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
    const run = new MigrationRun(this.deps.api(), spec, record, this.deps.records, this.deps.log, this.resourceName, sleep, this.deps.schedule ?? asyncPollSchedule);
    const previewed = takePreviewReads(spec.owner, spec.sourceRegion, spec.app);
    if (previewed) run.adoptSourceReads(previewed);
    return run;
  }
}

/** The parts of a record a new migration starts from. */
function freshState(): Omit<ClientRecord, "version" | "id" | "owner" | "app" | "sourceRegion" | "destinationRegion" | "dstAppName" | "source"> {
  return {
    destination: { appId: null, url: null, gitUrl: null, createIntent: null },
    domainNames: [],
    status: "created",
    reachedStage: null,
    currentStep: null,
    steps: [],
    startedAt: new Date().toISOString(),
    finishedAt: null,
    formation: null,
    freeze: null,
    deploymentId: null,
    backups: {},
    manualActions: [],
    copied: {},
  };
}
