import type { PublicApi, RegionApi } from "../../client/public";
import type { RequestHints } from "../../client/request-gate";
import { progressLine } from "../../migration/messages";
import type { PollSchedule } from "../../migration/poll-schedule";
import type { ManualAction, StepProgress } from "../../migration/snapshot";
import type { MigrationSpec } from "../../migration/spec";
import type { RunStep } from "../../migration/stages";
import { Catalogue } from "./catalogue";
import { countCopied, type Tally } from "./copied";
import { DestinationView } from "./destination-view";
import { ClientStepError, causeText } from "./errors";
import type { ClientRecord, ClientRecords } from "./record";
import { snapshotOfRecord } from "./status";
import type { AsyncWork } from "./waiting";
import { readOnce } from "./read-once";
import { WorkAhead } from "./work-ahead";

/** Runs started by this process, in order: a run's place in the request budget (see hints()). */
let runsStarted = 0;

/**
 * One `up` (or destroy, or refresh) of one client-engine migration: the two regions, the
 * durable record, and the progress lines. Every change to the record is saved at once: what
 * is recorded is what the next run, after any kill, starts from.
 */
export class MigrationRun {
  readonly src: RegionApi;
  readonly dst: RegionApi;
  readonly catalogue: Catalogue;
  /** The destination as this run knows it (see destination-view.ts). */
  readonly destination = new DestinationView();
  /** Scalingo's jobs still ahead of this run: its requests' rank in the shared budget. */
  readonly workAhead: WorkAhead;
  private readonly order = runsStarted++;
  private deadline = Number.POSITIVE_INFINITY;

  constructor(
    readonly api: PublicApi,
    readonly spec: MigrationSpec,
    readonly record: ClientRecord,
    private readonly records: ClientRecords,
    private readonly log: (line: string) => void,
    readonly resourceName: string,
    readonly sleep: (ms: number) => Promise<void>,
    /** When to look at asynchronous work again (waiting.ts). */
    readonly schedule: PollSchedule<AsyncWork>,
  ) {
    this.workAhead = new WorkAhead(schedule);
    this.src = api.region(record.sourceRegion, () => this.hints());
    this.dst = api.region(record.destinationRegion, () => this.hints());
    this.catalogue = new Catalogue(api, this.src, this.dst);
  }

  /**
   * What each of this run's requests tells the shared budget: the most jobs ahead first, and
   * among equals the run that started first (request-scheduler.ts).
   */
  private hints(): RequestHints {
    return { workAheadMs: this.workAhead.ms(), order: this.order };
  }

  get srcApp(): string {
    return this.record.source.appName;
  }

  get dstApp(): string {
    return this.record.dstAppName;
  }

  save(): void {
    this.records.write(this.record);
  }

  say(line: string): void {
    this.log(`[${this.resourceName}] ${line}`);
  }

  /** Starts a step's clock: waits inside it give up at its time limit (timeouts.<step>). */
  startStep(step: RunStep | "abort"): void {
    this.deadline = Date.now() + this.spec.timeouts[step];
    // finalize copies again what changed on the source, and abort puts it back: both read it anew.
    if (step === "finalize" || step === "abort") this.sourceReads.clear();
  }

  private readonly sourceReads = new Map<string, Promise<unknown>>();

  /**
   * A read of the source, once per `up` until finalize: the preflight's reads are the ones
   * prepare copies (seconds apart), and the account's 60 requests a minute are better spent
   * elsewhere. What this engine changes on the source (the freeze, the stop) it reads right
   * before changing, not through here; finalize and abort read again (finalize must see drift).
   */
  sourceRead<T>(key: string, read: () => Promise<T>): Promise<T> {
    return readOnce(this.sourceReads, key, read);
  }

  /** Source reads this process's preview of the same `up` made moments ago (preview-handoff.ts): used as if made here. */
  adoptSourceReads(reads: ReadonlyMap<string, Promise<unknown>>): void {
    for (const [key, value] of reads) this.sourceReads.set(key, value);
  }

  /** Milliseconds left before the current step's limit. */
  remainingMs(): number {
    return this.deadline - Date.now();
  }

  /**
   * One sub-step, shown as a ✔/✘ line and kept in the record's steps (one entry per name and
   * step: a resumed sub-step updates its line instead of adding one). A failure becomes a
   * ClientStepError carrying the snapshot: the record says `error` and which step to resume.
   */
  async subStep<T>(step: RunStep | "abort", name: string, work: () => Promise<T>): Promise<T> {
    const outcome = await this.track(step, name, work);
    if ("value" in outcome) return outcome.value;
    this.record.status = "error";
    this.record.currentStep = step === "abort" ? this.record.currentStep : step;
    this.save();
    throw new ClientStepError(`${name} (migration ${this.record.id}, ${this.record.sourceRegion} → ${this.record.destinationRegion}): ${outcome.error}`, snapshotOfRecord(this.record));
  }

  /** A check of the preflight: its failure is kept as a ✘ line and reported with the others. */
  async check(name: string, work: () => Promise<void>): Promise<boolean> {
    return "value" in (await this.track("preflight", name, work));
  }

  private async track<T>(step: RunStep | "abort", name: string, work: () => Promise<T>): Promise<{ value: T } | { error: string }> {
    const id = `${step}:${name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "")}`;
    let entry = this.record.steps.find((s) => s.id === id);
    if (!entry) {
      entry = { id, name, status: "running", logs: null };
      this.record.steps.push(entry);
    }
    Object.assign(entry, { status: "running", logs: null });
    this.save();
    try {
      const value = await work();
      Object.assign(entry, { status: "done" });
      this.save();
      this.log(progressLine(this.resourceName, entry));
      return { value };
    } catch (error) {
      const logs = causeText(error);
      Object.assign(entry, { status: "error", logs });
      this.save();
      this.log(progressLine(this.resourceName, entry));
      return { error: logs };
    }
  }

  /** Adds or replaces a manual action (by id: the list stays one line per thing to do). */
  manual(action: ManualAction): void {
    const index = this.record.manualActions.findIndex((a) => a.id === action.id);
    if (index >= 0) this.record.manualActions[index] = action;
    else this.record.manualActions.push(action);
  }

  /** Drops a manual action that no longer applies (the thing got done). */
  resolved(id: string): void {
    this.record.manualActions = this.record.manualActions.filter((a) => a.id !== id);
  }

  tally(kind: string, tally: Tally): void {
    this.record.copied[kind] = countCopied(tally);
  }

  current(): StepProgress[] {
    return this.record.steps;
  }
}
