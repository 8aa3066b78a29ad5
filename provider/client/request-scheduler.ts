import { localPacer, type Pacer } from "./pacer";
import type { RequestGate, RequestHints, RequestPriority } from "./request-gate";

/**
 * One request budget for a whole provider process: every AppMigration of a Pulumi program
 * shares one Scalingo account's rate limit (60 requests a minute).
 *
 * Pacing (see pacer.ts): consecutive requests are a little more than 60 s / budget apart, so
 * any 60-second window holds at most `budget` requests whatever window the server counts in,
 * and a request after a quiet spell goes at once.
 *
 * Order, decided each time a slot frees up, not when a request arrives (no limiter library
 * orders by a priority that changes while a request waits: see docs/rate-limiting.md):
 *  1. guesses last: a look at a step not yet expected to have ended (`dueAt` in the future)
 *     only uses budget nothing else wants;
 *  2. most server work ahead first (`workAheadMs`): the requests that start a migration's
 *     long steps go before the ones that finish a migration, so every migration of a fleet
 *     is in its long steps early and the budget stays busy to the end;
 *  3. among as much work ahead, the caller's order (`order`: the migration that started first);
 *  4. writes, then reads, then polls; then first come, first served.
 */
export interface SchedulerOptions {
  /** Requests allowed in any 60-second window. Default 58, just under Scalingo's 60. */
  budgetPerMinute?: number;
  /** Pause after a 429 before anything else is sent. */
  rateLimitPauseMs?: number;
  /** The window the budget is counted over. Default one minute; shorter only to rehearse a fleet in compressed time. */
  windowMs?: number;
  /** The clock that decides whether a look is still a guess. */
  now?: () => number;
  /**
   * What paces this process, given the spacing the budget needs. Default: a pacer of this
   * process alone; the shared budget of several processes is `sharedPacer` (shared-pacer.ts).
   */
  pacer?: (spacingMs: number) => Pacer;
}

/** Just under Scalingo's 60 a minute, so that timer jitter never earns a 429. */
export const DEFAULT_BUDGET_PER_MINUTE = 58;

const RANK: Record<RequestPriority, number> = { write: 0, read: 1, poll: 2 };

interface Waiter {
  rank: number;
  workAheadMs: number;
  order: number;
  dueAt: number;
  arrival: number;
  release: () => void;
}

export class RequestScheduler implements RequestGate {
  private readonly pacer: Pacer;
  private readonly pauseMs: number;
  private readonly now: () => number;
  private readonly waiting: Waiter[] = [];
  private arrivals = 0;
  private releasing = false;
  /** Counters for benchmarks and logs. */
  readonly stats = { sent: 0, rateLimited: 0 };

  constructor(options: SchedulerOptions = {}) {
    const budget = options.budgetPerMinute ?? DEFAULT_BUDGET_PER_MINUTE;
    if (!Number.isInteger(budget) || budget < 2) {
      throw new RangeError(`budgetPerMinute must be a whole number of at least 2, got ${budget}`);
    }
    this.pauseMs = options.rateLimitPauseMs ?? 5_000;
    this.now = options.now ?? Date.now;
    // Strictly more than window / budget apart: budget + 1 requests never fit in one window.
    this.pacer = (options.pacer ?? localPacer)(Math.floor((options.windowMs ?? 60_000) / budget) + 1);
  }

  /** Resolves when this request may be sent. */
  acquire(priority: RequestPriority, hints: RequestHints = {}): Promise<void> {
    return new Promise<void>((release) => {
      this.waiting.push({
        rank: RANK[priority],
        workAheadMs: hints.workAheadMs ?? Number.POSITIVE_INFINITY,
        order: hints.order ?? Number.POSITIVE_INFINITY,
        dueAt: hints.dueAt ?? 0,
        arrival: this.arrivals++,
        release,
      });
      void this.releaseInTurn();
    }).then(() => {
      this.stats.sent++;
    });
  }

  onRateLimited(): void {
    this.stats.rateLimited++;
    this.pacer.pause(this.pauseMs);
  }

  /** One loop at a time: each slot goes to the best waiter at the moment the slot comes. */
  private async releaseInTurn(): Promise<void> {
    if (this.releasing) return;
    this.releasing = true;
    try {
      while (this.waiting.length) {
        await this.pacer.slot();
        const now = this.now();
        let best = 0;
        for (let i = 1; i < this.waiting.length; i++) if (before(this.waiting[i]!, this.waiting[best]!, now)) best = i;
        this.waiting.splice(best, 1)[0]!.release();
      }
    } finally {
      this.releasing = false;
    }
  }
}

function before(a: Waiter, b: Waiter, now: number): boolean {
  const aGuess = a.dueAt > now;
  const bGuess = b.dueAt > now;
  if (aGuess !== bGuess) return bGuess;
  if (a.workAheadMs !== b.workAheadMs) return a.workAheadMs > b.workAheadMs;
  if (a.order !== b.order) return a.order < b.order;
  if (a.rank !== b.rank) return a.rank < b.rank;
  return a.arrival < b.arrival;
}
