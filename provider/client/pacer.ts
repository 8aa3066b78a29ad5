import { RateLimiterMemory, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";

/**
 * When the next request may go: consecutive requests at least `spacingMs` apart, and nothing
 * during a pause after a 429. The request scheduler decides *which* request goes; this only
 * decides *when*. See docs/rate-limiting.md for why this is rate-limiter-flexible's.
 */
export interface Pacer {
  /** Resolves when the next request may be sent, and takes that slot. */
  slot(): Promise<void>;
  /**
   * Nothing goes for `ms` from now. Replaces a pause in progress: the scheduler's pauses all
   * have one length, so the latest ends last.
   */
  pause(ms: number): void;
}

/** One key: this process spends one budget. The shared pacer keys its store by account instead. */
const KEY = "requests";

/**
 * The pacer of one process: a limiter of one request per `spacingMs`, kept in memory (exact to
 * the millisecond), so a request after a quiet spell goes at once.
 */
export function localPacer(spacingMs: number): Pacer {
  return limiterPacer(new RateLimiterMemory({ points: 1, duration: spacingMs / 1000 }));
}

/** A pacer over any limiter of one point per spacing: `block()` is the pause after a 429. */
export function limiterPacer(limiter: RateLimiterAbstract, key = KEY): Pacer {
  return {
    async slot() {
      for (;;) {
        try {
          await limiter.consume(key);
          return;
        } catch (refusal) {
          if (!(refusal instanceof RateLimiterRes)) throw refusal;
          await new Promise((resolve) => setTimeout(resolve, Math.max(1, refusal.msBeforeNext)));
        }
      }
    },
    pause(ms) {
      void limiter.block(key, ms / 1000);
    },
  };
}
