/**
 * Where every HTTP attempt waits for its turn. The default lets everything through; the
 * provider installs a shared scheduler so that all migrations of a Pulumi program stay
 * inside one account's rate limit (see provider/client/request-scheduler.ts).
 */
export type RequestPriority = "write" | "read" | "poll";

/** What a caller knows that helps a scheduler choose what to send first. */
export interface RequestHints {
  /**
   * Server-side work (ms) expected on the caller's path once this request is answered: a
   * migration's steps still to run. Unknown means it holds up everything, like the token
   * exchange.
   */
  workAheadMs?: number;
  /**
   * The caller's place among callers with as much work ahead (lower first; none: after every
   * placed one). Given per migration, one migration's requests go before a later one's, so a
   * fleet goes through each phase one migration after another instead of all of them at once,
   * which would have them all waiting on their jobs together with the budget idle.
   */
  order?: number;
  /**
   * Epoch ms before which this request is a guess: a look at a step that is not yet expected
   * to have ended. A guess only uses budget nothing else wants.
   */
  dueAt?: number;
}

export interface RequestGate {
  acquire(priority: RequestPriority, hints?: RequestHints): Promise<void>;
  /** The server answered 429: slow down. */
  onRateLimited(): void;
}

export const immediateGate: RequestGate = {
  acquire: () => Promise.resolve(),
  onRateLimited: () => undefined,
};

/**
 * A gate that runs `check` after a write's turn comes and just before it is sent; a check that
 * never resolves holds the write forever. Reads and polls pass as they are. The provider uses it
 * to stop an orphaned process (its Pulumi engine killed) before it writes to Scalingo.
 */
export function checkingBeforeWrites(inner: RequestGate, check: () => Promise<void>): RequestGate {
  return {
    async acquire(priority, hints) {
      await inner.acquire(priority, hints);
      if (priority === "write") await check();
    },
    onRateLimited: () => inner.onRateLimited(),
  };
}
