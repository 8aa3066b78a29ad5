import type { RequestHints } from "../../client/request-gate";
import type { ScalingoClient } from "../../client/scalingo-client";
import type { AbortSpec, PreviousState } from "../../migration/engine";
import { MigrationConflictError, MigrationFailedError } from "../../migration/errors";
import type { IntentJournal } from "../../migration/intent-journal";
import { describeSpec, progressLine } from "../../migration/messages";
import type { PollSchedule } from "../../migration/poll-schedule";
import type { MigrationSnapshot } from "../../migration/snapshot";
import type { MigrationSpec, TimedStep } from "../../migration/spec";
import { isBusy, isFinal, type MigrationStatus } from "../../migration/stages";
import { waitUntil } from "../../migration/waiter";
import { nextAction, statusAfter } from "./planner";
import { RegionMigrations } from "./region-migrations";
import { runningStepOf } from "./run-classifier";
import { workAheadMs } from "./work-ahead";

export interface MigratorDeps {
  client: ScalingoClient;
  journal: IntentJournal;
  schedule: PollSchedule;
  /** Progress lines for people (the Pulumi CLI shows the provider's console). */
  log: (line: string) => void;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
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

  async advance(spec: MigrationSpec, previous: PreviousState): Promise<MigrationSnapshot> {
    const api = this.api(spec);
    let migration = await this.locate(api, spec, previous);
    let createdHere = false;
    for (;;) {
      const action = nextAction(migration?.status, spec);
      switch (action.kind) {
        case "reached":
          return migration!.status === "done" ? api.withDestination(migration!) : migration!;
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
          migration = await this.create(api, spec);
          createdHere = true;
          continue;
        case "run":
          this.say(`running step '${action.step}' of migration ${migration!.id}`);
          await api.run(migration!, action.step, this.workAhead(spec, migration!.status));
          migration = await this.waitForStep(api, spec, migration!, action.step, true);
          continue;
        case "wait": {
          const step: TimedStep = migration!.status === "aborting" ? "abort" : runningStepOf(migration!, spec.migrateData);
          this.say(`waiting for step '${step}' of migration ${migration!.id}, already ${migration!.status}`);
          migration = await this.waitForStep(api, spec, migration!, step, false);
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
  async abort(spec: AbortSpec, known: { migrationId: string; status?: string }): Promise<void> {
    if (known.status && isFinal(known.status as MigrationStatus)) {
      this.say(`migration ${known.migrationId} is ${known.status}: nothing to abort, removing it from the stack`);
      this.deps.journal.forget(spec.owner, spec.app, spec.sourceRegion);
      return;
    }
    const api = this.api(spec);
    const migration = await api.find(known.migrationId, null);
    if (!migration) {
      this.say(`migration ${known.migrationId} no longer exists on Scalingo; nothing to abort`);
      return;
    }
    if (isFinal(migration.status)) {
      this.say(`migration ${migration.id} is ${migration.status}: nothing to abort, removing it from the stack`);
      this.deps.journal.forget(spec.owner, spec.app, spec.sourceRegion);
      return;
    }
    const sendAbort = migration.status !== "aborting";
    if (sendAbort) {
      this.say(`aborting migration ${migration.id} (${migration.status})`);
      await api.run(migration, "abort");
    }
    // Over when final, or back in `error` with new sub-steps (the abort itself failed). A
    // migration that was already in `error` stays there until the abort run shows up.
    const before = migration.steps.length;
    const aborted = await this.waitUntilSettled(api, spec, migration, "abort", (m) =>
      isFinal(m.status) || (m.status === "error" && m.steps.length > before && m.steps[m.steps.length - 1]!.status === "error"),
      sendAbort,
    );
    if (aborted.status !== "aborted") throw new MigrationFailedError(aborted);
    this.deps.journal.forget(spec.owner, spec.app, spec.sourceRegion);
    this.say(`migration ${aborted.id} aborted: the new app was deleted and '${aborted.source.appName}' restored`);
  }

  /** The live migration (with its new app's addresses once done), or undefined when the server no longer knows it. */
  async read(spec: MigrationSpec, migrationId: string, previous: PreviousState["reachedStage"]): Promise<MigrationSnapshot | undefined> {
    const api = this.api(spec);
    const migration = await api.find(migrationId, previous);
    // The journal entry stays until destroy: an update killed after this point must still
    // find its migration (see ownDoneMigration).
    return migration?.status === "done" ? api.withDestination(migration) : migration;
  }

  private api(spec: Pick<MigrationSpec, "sourceRegion" | "app">): RegionMigrations {
    return new RegionMigrations(this.deps.client, { sourceRegion: spec.sourceRegion, app: spec.app });
  }

  private async locate(api: RegionMigrations, spec: MigrationSpec, previous: PreviousState): Promise<MigrationSnapshot | undefined> {
    if (previous.migrationId) return api.find(previous.migrationId, previous.reachedStage);
    if (!spec.migrationId) return undefined;
    const adopted = await api.find(spec.migrationId, null);
    if (!adopted) {
      throw new MigrationConflictError("adopt_not_found", `migrationId '${spec.migrationId}' is not a region migration of app '${spec.app}' in region ${spec.sourceRegion}`);
    }
    if (adopted.destination.region !== spec.destinationRegion) {
      throw new MigrationConflictError(
        "adopt_mismatch",
        `migrationId '${spec.migrationId}' moves '${spec.app}' to ${adopted.destination.region}, but destinationRegion is ${spec.destinationRegion}: make them agree`,
        adopted,
      );
    }
    this.say(`adopting migration ${adopted.id} (${adopted.status})`);
    return adopted;
  }

  private async create(api: RegionMigrations, spec: MigrationSpec): Promise<MigrationSnapshot> {
    const hints = this.workAhead(spec, undefined);
    const existing = await api.list(hints);
    const inFlight = existing.find((m) => !isFinal(m.status));
    if (inFlight) return this.adoptInFlight(spec, inFlight);
    const finished = this.ownDoneMigration(spec, existing);
    if (finished) return finished;
    this.deps.journal.write({ owner: spec.owner, app: spec.app, sourceRegion: spec.sourceRegion, destinationRegion: spec.destinationRegion });
    this.say(`creating a migration of ${describeSpec(spec)}`);
    const created = await api.create(
      { region: spec.destinationRegion, appName: spec.newName },
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
  private ownDoneMigration(spec: MigrationSpec, existing: MigrationSnapshot[]): MigrationSnapshot | undefined {
    const intent = this.deps.journal.read(spec.owner, spec.app, spec.sourceRegion);
    const done = existing.find((m) => m.id === intent?.migrationId && m.status === "done" && m.destination.region === spec.destinationRegion);
    if (done) this.say(`migration ${done.id}, started by an interrupted update, is already done`);
    return done;
  }

  /** An in-flight migration is ours only if this resource's journal says we started it. */
  private adoptInFlight(spec: MigrationSpec, inFlight: MigrationSnapshot): MigrationSnapshot {
    const intent = this.deps.journal.read(spec.owner, spec.app, spec.sourceRegion);
    const ours =
      intent !== undefined &&
      intent.destinationRegion === inFlight.destination.region &&
      (intent.migrationId === undefined || intent.migrationId === inFlight.id);
    if (ours && inFlight.destination.region === spec.destinationRegion) {
      this.say(`resuming migration ${inFlight.id} (${inFlight.status}) that an interrupted update started`);
      this.deps.journal.write({ ...intent, migrationId: inFlight.id });
      return inFlight;
    }
    throw new MigrationConflictError(
      "app_busy",
      `app '${spec.app}' already has a region migration in progress (${inFlight.id}, ${inFlight.status}, to ${inFlight.destination.region}) that this stack did not start. ` +
        `To take it over from this stack, set migrationId: "${inFlight.id}". Otherwise let its owner finish or abort it ` +
        `(\`pulumi destroy\` in the stack that owns it, or \`scalingo --app ${spec.app} migration-abort ${inFlight.id}\`).`,
    );
  }

  private waitForStep(api: RegionMigrations, spec: MigrationSpec, before: MigrationSnapshot, step: TimedStep, sentNow: boolean): Promise<MigrationSnapshot> {
    // The status must leave the one we saw before asking: a stale read right after the run
    // POST must not look like "the step is over" (that would send the next step too early).
    const from: MigrationStatus = before.status;
    const settled = (m: MigrationSnapshot) => m.status !== from && !isBusy(m.status) && m.status !== "created";
    // A look can unblock what comes after the step it watches.
    const hints = step === "abort" ? {} : this.workAhead(spec, statusAfter(step));
    return this.waitUntilSettled(api, spec, before, step, settled, sentNow, hints);
  }

  /** See work-ahead.ts: what the request scheduler serves first. */
  private workAhead(spec: MigrationSpec, status: MigrationStatus | undefined): RequestHints {
    return { workAheadMs: workAheadMs(status, spec, (step) => this.deps.schedule.expectedMs(step)) };
  }

  private waitUntilSettled(
    api: RegionMigrations,
    spec: Pick<MigrationSpec, "timeouts">,
    before: MigrationSnapshot,
    step: TimedStep,
    settled: (m: MigrationSnapshot) => boolean,
    watchedFromStart = false,
    hints: RequestHints = {},
  ): Promise<MigrationSnapshot> {
    let reached = before.reachedStage;
    const look = async (dueAt: number) => {
      const seen = await api.get(before.id, reached, "poll", { ...hints, dueAt });
      reached = seen.reachedStage;
      return seen;
    };
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

  private say(message: string): void {
    this.deps.log(`[${this.resourceName}] ${message}`);
  }
}
