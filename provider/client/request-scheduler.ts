import Bottleneck from "bottleneck";
import type { RequestGate, RequestPriority } from "./request-gate";

/**
 * One request budget for a whole provider process: every AppMigration of a Pulumi program
 * shares one Scalingo account's rate limit (60 requests a minute).
 *
 * A token bucket: `burst` requests may go at once, then one every 60 s / `steadyPerMinute`.
 * Any 60-second window then holds at most burst + steadyPerMinute requests, which we keep
 * under the account's limit whatever window the server counts in. Writes (create, run) go
 * before reads, and reads before polls, so a fleet that polls a lot never delays a step.
 */
export interface SchedulerOptions {
  /** Requests allowed in any 60-second window. Default 58, just under Scalingo's 60. */
  budgetPerMinute?: number;
  /** Pause after a 429 before anything else is sent. */
  rateLimitPauseMs?: number;
}

const PRIORITY: Record<RequestPriority, number> = { write: 1, read: 4, poll: 7 };

export class RequestScheduler implements RequestGate {
  private readonly limiter: Bottleneck;
  private readonly pauseMs: number;
  private pausedUntil = 0;
  /** Counters for benchmarks and logs. */
  readonly stats = { sent: 0, rateLimited: 0 };

  constructor(options: SchedulerOptions = {}) {
    const budget = options.budgetPerMinute ?? 58;
    if (!Number.isInteger(budget) || budget < 2) {
      throw new RangeError(`budgetPerMinute must be a whole number of at least 2, got ${budget}`);
    }
    // A small burst lets a write go out at once; the rest is the sustained rate, which is
    // what bounds a fleet's wall time.
    const burst = Math.max(1, Math.floor(budget * 0.05));
    const steady = budget - burst;
    this.pauseMs = options.rateLimitPauseMs ?? 5_000;
    this.limiter = new Bottleneck({
      maxConcurrent: null,
      reservoir: burst,
      reservoirIncreaseAmount: 1,
      reservoirIncreaseInterval: Math.ceil(60_000 / steady),
      reservoirIncreaseMaximum: burst,
    });
  }

  async acquire(priority: RequestPriority): Promise<void> {
    await this.limiter.schedule({ priority: PRIORITY[priority] }, () => this.waitOutPause());
    this.stats.sent++;
  }

  onRateLimited(): void {
    this.stats.rateLimited++;
    this.pausedUntil = Math.max(this.pausedUntil, Date.now() + this.pauseMs);
  }

  /** Lets the process exit: Bottleneck keeps a timer for the reservoir. */
  async stop(): Promise<void> {
    await this.limiter.stop({ dropWaitingJobs: false });
  }

  private async waitOutPause(): Promise<void> {
    const wait = this.pausedUntil - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  }
}
