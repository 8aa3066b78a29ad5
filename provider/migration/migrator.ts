import { ScalingoNotFoundError } from "../client/errors";
import type { RequestHints } from "../client/request-gate";
import type { ScalingoClient } from "../client/scalingo-client";
import type { MigrationStatus, RegionMigration } from "../client/types";
import { MigrationConflictError, MigrationFailedError } from "./errors";
import type { IntentJournal } from "./intent-journal";
import { describeSpec, progressLine } from "./messages";
import { buildOutputs, type DestinationDetails, type MigrationOutputs } from "./outputs";
import { nextAction, statusAfter } from "./plan";
import type { PollSchedule } from "./poll-schedule";
import { runningStepOf } from "./run-classifier";
import { workAheadMs } from "./work-ahead";
import type { MigrationSpec, TimedStep } from "./spec";
import { isBusy, isFinal, type Stage } from "./stages";
import { waitUntil } from "./waiter";

/** The migration is over: reading its new app holds nothing up on the server. */
const NOTHING_AHEAD: RequestHints = { workAheadMs: 0 };

export interface MigratorDeps {
  client: ScalingoClient;
  journal: IntentJournal;
  schedule: PollSchedule;
  /** Progress lines for people (the Pulumi CLI shows the provider's console). */
  log: (line: string) => void;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

/** What the previous run left in state about this resource. */
export interface PreviousState {
  migrationId?: string;
  stage: Stage | null;
}

/**
 * Drives one migration towards the stage a user declared, one server-confirmed step at a
 * time. It never sends a step the server shows as already running or done, and never creates
 * a second migration for an app that has one in flight.
 */
export class Migrator {
  constructor(
    private readonly deps: MigratorDeps,
    private readonly resourceName: string,
  ) {}

  async advance(spec: MigrationSpec, previous: PreviousState): Promise<MigrationOutputs> {
    let migration = await this.locate(spec, previous.migrationId);
    let createdHere = false;
    let stage = previous.stage;
    for (;;) {
      const action = nextAction(migration?.status, spec);
      switch (action.kind) {
        case "reached":
          return this.outputs(spec, migration!, stage);
        case "blocked":
          throw new MigrationFailedError(migration!);
        case "unknown":
          throw new MigrationConflictError("unknown_status", `migration ${migration?.id} is in a status this provider does not know: ${String(migration?.status)}`, migration);
        case "create":
          if (migration && !isFinal(migration.status)) break;
          if (createdHere) throw new MigrationFailedError(migration!);
          if (migration?.status === "aborted" && migration.id === previous.migrationId) {
            this.say(`migration ${migration.id} was aborted outside this stack; starting a new one`);
          }
          migration = await this.create(spec);
          createdHere = true;
          stage = null;
          continue;
        case "run":
          this.say(`running step '${action.step}' of migration ${migration!.id}`);
          await this.deps.client.runMigrationStep(spec.sourceRegion, spec.app, migration!.id, action.step, migration!, this.workAhead(spec, migration!.status));
          migration = await this.waitForStep(spec, migration!, action.step, true);
          continue;
        case "wait": {
          const step: TimedStep = migration!.status === "aborting" ? "abort" : runningStepOf(migration!, spec.migrateData);
          this.say(`waiting for step '${step}' of migration ${migration!.id}, already ${migration!.status}`);
          migration = await this.waitForStep(spec, migration!, step, false);
          if (migration.status === "aborted") {
            throw new MigrationConflictError("aborted_elsewhere", `migration ${migration.id} was aborted while this update waited for it; run \`pulumi up\` again to start a new one`, migration);
          }
          continue;
        }
      }
      // Unreachable: "create" on a non-final migration means the planner and this loop disagree.
      throw new Error(`internal: cannot create while migration ${migration?.id} is ${migration?.status}`);
    }
  }

  /**
   * Aborts a migration that is not final and waits for `aborted`. A migration last seen in a
   * final status is left alone without a call: final statuses never change.
   */
  async abort(
    spec: Pick<MigrationSpec, "app" | "sourceRegion" | "owner" | "timeouts">,
    known: { migrationId: string; status?: string },
  ): Promise<RegionMigration | undefined> {
    if (known.status && isFinal(known.status as MigrationStatus)) {
      this.say(`migration ${known.migrationId} is ${known.status}: nothing to abort, removing it from the stack`);
      this.deps.journal.forget(spec.owner, spec.app, spec.sourceRegion);
      return undefined;
    }
    const migration = await this.find(spec.sourceRegion, spec.app, known.migrationId);
    if (!migration) {
      this.say(`migration ${known.migrationId} no longer exists on Scalingo; nothing to abort`);
      return undefined;
    }
    if (isFinal(migration.status)) {
      this.say(`migration ${migration.id} is ${migration.status}: nothing to abort, removing it from the stack`);
      this.deps.journal.forget(spec.owner, spec.app, spec.sourceRegion);
      return migration;
    }
    const sendAbort = migration.status !== "aborting";
    if (sendAbort) {
      this.say(`aborting migration ${migration.id} (${migration.status})`);
      await this.deps.client.runMigrationStep(spec.sourceRegion, spec.app, migration.id, "abort", migration);
    }
    // Over when final, or back in `error` with new sub-steps (the abort itself failed). A
    // migration that was already in `error` stays there until the abort run shows up.
    const before = migration.steps.length;
    const aborted = await this.waitUntilSettled(spec, migration, "abort", (m) =>
      isFinal(m.status) || (m.status === "error" && m.steps.length > before && m.steps[m.steps.length - 1]!.status === "error"),
      sendAbort,
    );
    if (aborted.status !== "aborted") throw new MigrationFailedError(aborted);
    this.deps.journal.forget(spec.owner, spec.app, spec.sourceRegion);
    this.say(`migration ${aborted.id} aborted: the new app was deleted and '${aborted.srcAppName}' restored`);
    return aborted;
  }

  /** The live migration, or undefined when the server no longer knows it. */
  find(sourceRegion: string, app: string, migrationId: string): Promise<RegionMigration | undefined> {
    return this.deps.client.getMigration(sourceRegion, app, migrationId, "read").catch((error: unknown) => {
      if (error instanceof ScalingoNotFoundError && error.resource === "region_migration") return undefined;
      throw error;
    });
  }

  async outputs(spec: MigrationSpec, migration: RegionMigration, previousStage: Stage | null): Promise<MigrationOutputs> {
    // The journal entry stays until destroy: an update killed after this point must still
    // find its migration (see ownDoneMigration).
    const destination = migration.status === "done" ? await this.destinationDetails(migration) : undefined;
    return buildOutputs(spec, migration, previousStage, destination);
  }

  private async locate(spec: MigrationSpec, stateId: string | undefined): Promise<RegionMigration | undefined> {
    if (stateId) return this.find(spec.sourceRegion, spec.app, stateId);
    if (!spec.migrationId) return undefined;
    const adopted = await this.find(spec.sourceRegion, spec.app, spec.migrationId);
    if (!adopted) {
      throw new MigrationConflictError("adopt_not_found", `migrationId '${spec.migrationId}' is not a region migration of app '${spec.app}' in region ${spec.sourceRegion}`);
    }
    if (adopted.destination !== spec.destinationRegion) {
      throw new MigrationConflictError(
        "adopt_mismatch",
        `migrationId '${spec.migrationId}' moves '${spec.app}' to ${adopted.destination}, but destinationRegion is ${spec.destinationRegion}: make them agree`,
        adopted,
      );
    }
    this.say(`adopting migration ${adopted.id} (${adopted.status})`);
    return adopted;
  }

  private async create(spec: MigrationSpec): Promise<RegionMigration> {
    const hints = this.workAhead(spec, undefined);
    const existing = await this.deps.client.listMigrations(spec.sourceRegion, spec.app, hints);
    const inFlight = existing.find((m) => !isFinal(m.status));
    if (inFlight) return this.adoptInFlight(spec, inFlight);
    const finished = this.ownDoneMigration(spec, existing);
    if (finished) return finished;
    this.deps.journal.write({ owner: spec.owner, app: spec.app, sourceRegion: spec.sourceRegion, destinationRegion: spec.destinationRegion });
    this.say(`creating a migration of ${describeSpec(spec)}`);
    const created = await this.deps.client.createMigration(
      spec.sourceRegion,
      spec.app,
      { destination: spec.destinationRegion, dstAppName: spec.newName },
      existing.map((m) => m.id),
      hints,
    );
    this.deps.journal.write({ owner: spec.owner, app: spec.app, sourceRegion: spec.sourceRegion, destinationRegion: spec.destinationRegion, migrationId: created.id });
    this.say(`created migration ${created.id}`);
    return created;
  }

  /**
   * An update killed during the last step loses the id while the server goes on to `done`.
   * Creating again would start a second migration of an app that already moved: the journal
   * names the one this resource started, and a done one is taken as it is.
   */
  private ownDoneMigration(spec: MigrationSpec, existing: RegionMigration[]): RegionMigration | undefined {
    const intent = this.deps.journal.read(spec.owner, spec.app, spec.sourceRegion);
    const done = existing.find((m) => m.id === intent?.migrationId && m.status === "done" && m.destination === spec.destinationRegion);
    if (done) this.say(`migration ${done.id}, started by an interrupted update, is already done`);
    return done;
  }

  /** An in-flight migration is ours only if this resource's journal says we started it. */
  private adoptInFlight(spec: MigrationSpec, inFlight: RegionMigration): RegionMigration {
    const intent = this.deps.journal.read(spec.owner, spec.app, spec.sourceRegion);
    const ours =
      intent !== undefined &&
      intent.destinationRegion === inFlight.destination &&
      (intent.migrationId === undefined || intent.migrationId === inFlight.id);
    if (ours && inFlight.destination === spec.destinationRegion) {
      this.say(`resuming migration ${inFlight.id} (${inFlight.status}) that an interrupted update started`);
      this.deps.journal.write({ ...intent, migrationId: inFlight.id });
      return inFlight;
    }
    throw new MigrationConflictError(
      "app_busy",
      `app '${spec.app}' already has a region migration in progress (${inFlight.id}, ${inFlight.status}, to ${inFlight.destination}) that this stack did not start. ` +
        `To take it over from this stack, set migrationId: "${inFlight.id}". Otherwise let its owner finish or abort it ` +
        `(\`pulumi destroy\` in the stack that owns it, or \`scalingo --app ${spec.app} migration-abort ${inFlight.id}\`).`,
    );
  }

  private waitForStep(spec: MigrationSpec, before: RegionMigration, step: TimedStep, sentNow: boolean): Promise<RegionMigration> {
    // The status must leave the one we saw before asking: a stale read right after the run
    // POST must not look like "the step is over" (that would send the next step too early).
    const from: MigrationStatus = before.status;
    const settled = (m: RegionMigration) => m.status !== from && !isBusy(m.status) && m.status !== "created";
    // A look can unblock what comes after the step it watches.
    const hints = step === "abort" ? {} : this.workAhead(spec, statusAfter(step));
    return this.waitUntilSettled(spec, before, step, settled, sentNow, hints);
  }

  /** See work-ahead.ts: what the request scheduler serves first. */
  private workAhead(spec: MigrationSpec, status: MigrationStatus | undefined): RequestHints {
    return { workAheadMs: workAheadMs(status, spec, (step) => this.deps.schedule.expectedMs(step)) };
  }

  private waitUntilSettled(
    spec: Pick<MigrationSpec, "app" | "sourceRegion" | "timeouts">,
    before: RegionMigration,
    step: TimedStep,
    settled: (m: RegionMigration) => boolean,
    watchedFromStart = false,
    hints: RequestHints = {},
  ): Promise<RegionMigration> {
    const look = (dueAt: number) => this.deps.client.getMigration(spec.sourceRegion, spec.app, before.id, "poll", { ...hints, dueAt });
    return waitUntil(look, settled, before, {
      step,
      timeoutMs: spec.timeouts[step],
      schedule: this.deps.schedule,
      watchedFromStart,
      onSubStep: (s) => this.deps.log(progressLine(this.resourceName, s)),
      sleep: this.deps.sleep,
      now: this.deps.now,
    });
  }

  private async destinationDetails(migration: RegionMigration): Promise<DestinationDetails> {
    const app = migration.newAppId ?? migration.dstAppName;
    const [details, domains] = await Promise.all([
      this.deps.client.getApp(migration.destination, app, NOTHING_AHEAD),
      this.deps.client.listDomains(migration.destination, app, NOTHING_AHEAD),
    ]);
    return { app: details, domains };
  }

  private say(message: string): void {
    this.deps.log(`[${this.resourceName}] ${message}`);
  }
}
