/**
 * Where every HTTP attempt waits for its turn. The default lets everything through; the
 * provider installs a shared scheduler so that all migrations of a Pulumi program stay
 * inside one account's rate limit (see provider/client/request-scheduler.ts).
 */
export type RequestPriority = "write" | "read" | "poll";

export interface RequestGate {
  acquire(priority: RequestPriority): Promise<void>;
  /** The server answered 429: slow down. */
  onRateLimited(): void;
}

export const immediateGate: RequestGate = {
  acquire: () => Promise.resolve(),
  onRateLimited: () => undefined,
};
