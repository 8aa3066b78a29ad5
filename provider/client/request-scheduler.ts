import Bottleneck from "bottleneck";
import type { RequestGate, RequestPriority } from "./request-gate";

/**
 * One request budget for a whole provider process: every AppMigration of a Pulumi program
 * shares one Scalingo account's rate limit (60 requests a minute).
 *
 * Pacing is a token bucket (Bottleneck's reservoir): `burst` requests may go at once, then one
 * every 60 s / sustained rate. Any 60-second window then holds at most burst + sustained,
 * which stays under the account's limit whatever window the server counts in.
 *
 * Order: when a token frees up, writes (create, run) go before reads, and reads before polls,
 * first come first served within each. (Serving the oldest migration first instead was
 * measured slower for a fleet of 50: 941 s against 816 s; see README "Performance".)
 */
export interface SchedulerOptions {
  /** Requests allowed in any 60-second window. Default 58, just under Scalingo's 60. */
  budgetPerMinute?: number;
  /** Pause after a 429 before anything else is sent. */
  rateLimitPauseMs?: number;
}

const RANK: Record<RequestPriority, number> = { write: 0, read: 1, poll: 2 };

interface Waiter {
  rank: number;
  arrival: number;
  release: () => void;
}

export class RequestScheduler implements RequestGate {
  private readonly limiter: Bottleneck;
  private readonly pauseMs: number;
  private readonly waiting: Waiter[] = [];
  private arrivals = 0;
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
    const sustained = budget - burst;
    this.pauseMs = options.rateLimitPauseMs ?? 5_000;
    this.limiter = new Bottleneck({
      maxConcurrent: null,
      reservoir: burst,
      reservoirIncreaseAmount: 1,
      reservoirIncreaseInterval: Math.ceil(60_000 / sustained),
      reservoirIncreaseMaximum: burst,
    });
  }

  /** Resolves when this request may be sent. */
  acquire(priority: RequestPriority): Promise<void> {
    return new Promise<void>((release) => {
      this.waiting.push({ rank: RANK[priority], arrival: this.arrivals++, release });
      // One token per waiter; which waiter gets it is decided when it is spent.
      void this.limiter.schedule(() => this.releaseBest());
    }).then(() => {
      this.stats.sent++;
    });
  }

  onRateLimited(): void {
    this.stats.rateLimited++;
    this.pausedUntil = Math.max(this.pausedUntil, Date.now() + this.pauseMs);
  }

  private async releaseBest(): Promise<void> {
    const wait = this.pausedUntil - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    let best = 0;
    for (let i = 1; i < this.waiting.length; i++) if (before(this.waiting[i]!, this.waiting[best]!)) best = i;
    this.waiting.splice(best, 1)[0]?.release();
  }
}

function before(a: Waiter, b: Waiter): boolean {
  if (a.rank !== b.rank) return a.rank < b.rank;
  return a.arrival < b.arrival;
}
