import type { PollSchedule } from "../../migration/poll-schedule";
import type { RunStep } from "../../migration/stages";
import type { AsyncWork } from "./waiting";

/**
 * The asynchronous work one migration still has ahead on Scalingo's side (addons provisioning,
 * the build, the scale operations, backups, restores), in expected ms: what the shared request
 * budget serves first (request-scheduler.ts, "most work ahead first"). In a fleet this keeps
 * the budget busy to the end: the migrations with a long chain of jobs ahead get their
 * requests first, so the fleet does not end with every migration waiting on its jobs at once
 * (docs/performance.md, "The client engine"). It ranks migrations; it need not be exact: each
 * moved database counts as one until the data step lists them.
 */
export class WorkAhead {
  private readonly jobs = new Map<RunStep, AsyncWork[]>();

  constructor(private readonly schedule: PollSchedule<AsyncWork>) {}

  /** The jobs of the steps this `up` runs. */
  plan(steps: readonly RunStep[]): void {
    this.jobs.clear();
    if (steps.includes("prepare")) this.jobs.set("prepare", ["addon", "deployment"]);
    if (steps.includes("data")) this.jobs.set("data", ["operation", ...backupsAndRestores(1)]);
    // Without the data step, finalize stops the source as well as starting the destination.
    if (steps.includes("finalize")) this.jobs.set("finalize", steps.includes("data") ? ["operation"] : ["operation", "operation"]);
  }

  /** The data step, the source stopped, knows how many databases it moves. */
  databasesToMove(count: number): void {
    if (this.jobs.has("data")) this.jobs.set("data", backupsAndRestores(count));
  }

  /** A job of this kind ended: the first one still ahead goes. */
  passed(kind: AsyncWork): void {
    for (const jobs of this.jobs.values()) {
      const index = jobs.indexOf(kind);
      if (index >= 0) {
        jobs.splice(index, 1);
        return;
      }
    }
  }

  /** A step ended: the jobs it did not wait for (found over on a resumed run) are behind too. */
  stepDone(step: RunStep): void {
    this.jobs.delete(step);
  }

  ms(): number {
    let total = 0;
    for (const jobs of this.jobs.values()) for (const kind of jobs) total += this.schedule.expectedMs(kind);
    return total;
  }
}

function backupsAndRestores(databases: number): AsyncWork[] {
  return Array.from({ length: databases }, (): AsyncWork[] => ["backup", "restore"]).flat();
}
