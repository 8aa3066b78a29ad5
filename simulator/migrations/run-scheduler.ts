import type { World } from "../world/world";
import type { MigrationStore } from "./migration-store";
import { planRun } from "./run-plan";
import type { ScriptedFailures } from "./scripted-failures";
import type { StepDurations } from "./step-durations";
import { lockSource, performAction, releaseLocks, type Outcome } from "./sub-step-actions";
import { isFinal, statusAfter, statusWhileRunning } from "./transitions";
import type { Migration, Run, RunTask, StepName } from "./types";

export interface RunSchedulerDeps {
  world: World;
  migrations: MigrationStore;
  durations: StepDurations;
  failures: ScriptedFailures;
  /** Called after every change the scheduler makes (persistence). */
  onChange: () => void;
  log: (line: string) => void;
}

const INTERRUPTED_LOGS = "Interrupted: the migration is being aborted";

/**
 * Runs the sub-steps of each in-flight run on timers, one after another (or side by side where
 * the plan allows), applies their effects and moves the migration to the step's result.
 */
export class RunScheduler {
  /** Timers of running tasks, by `<migration id>/<task index>`. */
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(private readonly deps: RunSchedulerDeps) {}

  start(m: Migration, step: StepName): void {
    if (step === "prepare") lockSource(this.deps.world, m);
    const source = this.deps.world.appById(m.appId);
    const factor = this.deps.durations.factorFor(step, { name: m.srcAppName, dataDurationFactor: source?.dataDurationFactor ?? 1 });
    m.run = planRun(step, m, this.deps.world, factor);
    m.status = statusWhileRunning(step, m.status);
    m.finishedAt = null;
    this.deps.log(`${describe(m)}: ${step} started`);
    this.pump(m);
    this.deps.onChange();
  }

  /** Stops the in-flight run; its running sub-steps end in error. */
  interrupt(m: Migration): void {
    const run = m.run;
    if (!run) return;
    run.tasks.forEach((task, index) => {
      if (task.state !== "running") return;
      this.clearTimer(m.id, index);
      task.state = "error";
      this.updateSubStep(m, task, "error", INTERRUPTED_LOGS);
    });
    m.run = null;
    this.deps.onChange();
  }

  /** After a restart: pick every in-flight run up where it was. */
  resumeAll(): void {
    for (const m of this.deps.migrations.all()) {
      if (!m.run) continue;
      m.run.tasks.forEach((task, index) => {
        if (task.state === "running") this.schedule(m, index);
      });
      this.pump(m);
    }
  }

  /** Step durations changed: running sub-steps end at their new time. */
  rescheduleRunning(): void {
    for (const key of [...this.timers.keys()]) {
      const [migrationId, index] = splitKey(key);
      const m = this.deps.migrations.get(migrationId);
      if (m?.run) this.schedule(m, index);
    }
  }

  stopAll(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  /** Starts every task whose predecessors ended; ends the run when nothing runs any more. */
  private pump(m: Migration): void {
    const run = m.run;
    if (!run) return;
    const stopped = run.stopOnError && run.tasks.some((t) => t.state === "error");
    if (!stopped) this.startReadyTasks(m, run);
    if (!run.tasks.some((t) => t.state === "running")) this.finish(m, run);
  }

  private startReadyTasks(m: Migration, run: Run): void {
    // Without stopOnError (preflight), a failed check still lets the next one start.
    const ended = (i: number) => run.tasks[i].state === "done" || (!run.stopOnError && run.tasks[i].state === "error");
    run.tasks.forEach((task, index) => {
      if (task.state !== "pending" || !task.dependsOn.every(ended)) return;
      task.state = "running";
      task.startedAtMs = Date.now();
      m.steps.push({ id: task.subStepId, name: task.name, status: "running", logs: null });
      this.schedule(m, index);
    });
  }

  private schedule(m: Migration, index: number): void {
    const run = m.run;
    if (!run) return;
    const task = run.tasks[index];
    const duration = this.deps.durations.totalFor(run.step) * task.share * run.durationFactor;
    const remaining = Math.max(0, (task.startedAtMs ?? Date.now()) + duration - Date.now());
    this.clearTimer(m.id, index);
    this.timers.set(
      timerKey(m.id, index),
      setTimeout(() => this.complete(m.id, index), remaining),
    );
  }

  private complete(migrationId: string, index: number): void {
    this.timers.delete(timerKey(migrationId, index));
    const m = this.deps.migrations.get(migrationId);
    const run = m?.run;
    if (!m || !run || run.tasks[index]?.state !== "running") return;
    const task = run.tasks[index];
    const outcome = this.outcomeOf(m, run, task);
    task.state = outcome.ok ? "done" : "error";
    this.updateSubStep(m, task, outcome.ok ? "done" : "error", outcome.ok ? null : outcome.logs);
    this.pump(m);
    this.deps.onChange();
  }

  /** A scripted failure wins over the real action; a bug in an action fails the sub-step, not the process. */
  private outcomeOf(m: Migration, run: Run, task: RunTask): Outcome {
    const scripted = this.deps.failures.take(m.srcAppName, run.step, task.name);
    if (scripted !== undefined) return { ok: false, logs: scripted };
    const context = { world: this.deps.world, migration: m, now: new Date(), runHasErrors: run.tasks.some((t) => t.state === "error") };
    try {
      return performAction(context, task.action);
    } catch (error) {
      this.deps.log(`internal error in "${task.name}": ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return { ok: false, logs: "Internal error occured, we're on it!" };
    }
  }

  private finish(m: Migration, run: Run): void {
    m.run = null;
    m.status = statusAfter(run.step, run.tasks.every((t) => t.state === "done"));
    m.finishedAt = new Date().toISOString();
    if (isFinal(m.status)) releaseLocks(this.deps.world, m);
    this.deps.log(`${describe(m)}: ${run.step} ended, status ${m.status}`);
  }

  private updateSubStep(m: Migration, task: RunTask, status: "done" | "error", logs: string | null): void {
    const subStep = m.steps.find((s) => s.id === task.subStepId);
    if (!subStep) return;
    subStep.status = status;
    subStep.logs = logs;
  }

  private clearTimer(migrationId: string, index: number): void {
    const key = timerKey(migrationId, index);
    const timer = this.timers.get(key);
    if (timer) clearTimeout(timer);
    this.timers.delete(key);
  }
}

function timerKey(migrationId: string, index: number): string {
  return `${migrationId}/${index}`;
}

function splitKey(key: string): [string, number] {
  const slash = key.lastIndexOf("/");
  return [key.slice(0, slash), Number(key.slice(slash + 1))];
}

function describe(m: Migration): string {
  return `migration ${m.id} (${m.srcAppName} ${m.source} → ${m.dstAppName} ${m.destination})`;
}
