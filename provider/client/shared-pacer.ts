import { createHash } from "node:crypto";
import Redis from "ioredis";
import { RateLimiterMemory, RateLimiterRedis } from "rate-limiter-flexible";
import { limiterPacer, type Pacer } from "./pacer";

/**
 * One budget for every provider process of an account, kept in Redis by rate-limiter-flexible
 * (see docs/rate-limiting.md, "The shared budget"). Each process keeps its own queue and
 * order; this only says *when* a request may go, and pauses every process after one 429.
 *
 * When Redis fails a call the limiter answers from its insurance limiter: a local share of the
 * budget, kept in memory, so that no migration waits on (or fails because of) Redis. It goes
 * back to Redis on the first call after the connection is ready again.
 */
export interface SharedPacerOptions {
  /** redis://[:password@]host:port[/db]; never printed whole (it may hold a password). */
  redisUrl: string;
  /** The account's API token: only a hash of it names the budget in Redis. */
  apiToken: string;
  /** Ms between two requests of all processes together. */
  spacingMs: number;
  /** Ms between two requests of this process while Redis is unreachable. */
  fallbackSpacingMs: number;
  /** One line when Redis goes away, one when it is back. */
  log: (line: string) => void;
}

export interface SharedPacer extends Pacer {
  /** Closes the Redis connection (tests and scripts; a provider process just exits). */
  close(): void;
}

/** The Redis key of an account's budget: a hash of its token, never the token. */
export function budgetKey(apiToken: string): string {
  return createHash("sha256").update(apiToken).digest("hex").slice(0, 32);
}

/** How long the first request waits for a first connection before going on the local share. */
const FIRST_CONNECT_MS = 2_000;

export function sharedPacer(options: SharedPacerOptions): SharedPacer {
  const where = describe(options.redisUrl);
  const redis = new Redis(options.redisUrl, {
    // A request must never wait on Redis: when it is not connected, fail at once (and the
    // limiter answers from the local share) rather than queue the call.
    enableOfflineQueue: false,
    autoResendUnfulfilledCommands: false,
    maxRetriesPerRequest: 0,
    connectTimeout: 2_000,
    commandTimeout: 2_000,
    // Keep trying to reconnect, at most every two seconds, for as long as the process lives.
    retryStrategy: (times) => Math.min(times * 200, 2_000),
  });

  let state: "starting" | "up" | "down" = "starting";
  let closing = false;
  const firstAnswer = new Promise<void>((resolve) => {
    redis.once("ready", () => resolve());
    redis.once("error", () => resolve());
    setTimeout(resolve, FIRST_CONNECT_MS).unref();
  });
  redis.on("ready", () => {
    if (state === "down") options.log(`[scalingo] shared request budget: Redis at ${where} is back; the budget is shared again`);
    state = "up";
  });
  const lost = (reason: string) => {
    if (closing || state === "down") return;
    state = "down";
    options.log(
      `[scalingo] warning: shared request budget: Redis at ${where} ${reason}; this process goes on alone at ` +
        `${perMinute(options.fallbackSpacingMs)} requests a minute until it is back`,
    );
  };
  // ioredis prints an "Unhandled error event" for each failed reconnection unless we listen.
  redis.on("error", (error: Error) => lost(`is unreachable (${errorCode(error)})`));
  redis.on("close", () => lost("went away"));

  const limiter = new RateLimiterRedis({
    storeClient: redis,
    keyPrefix: "scalingo-budget",
    points: 1,
    // The library sets expiries in whole seconds: the script below sets them to the ms, and
    // a duration of at least one second keeps the library on that script (docs/rate-limiting.md).
    duration: Math.max(1, options.spacingMs / 1000),
    customIncrTtlLuaScript: incrWithMsExpiry(options.spacingMs),
    rejectIfRedisNotReady: true,
    insuranceLimiter: new RateLimiterMemory({ points: 1, duration: options.fallbackSpacingMs / 1000 }),
  });
  const paced = limiterPacer(limiter, budgetKey(options.apiToken));
  return {
    async slot() {
      if (state === "starting") await firstAnswer;
      return paced.slot();
    },
    // The library blocks in Redis with an expiry in whole seconds (none at all below one):
    // round up, so that a pause is never shorter than asked.
    pause: (ms) => paced.pause(Math.max(1, Math.ceil(ms / 1_000)) * 1_000),
    close() {
      closing = true;
      redis.disconnect();
    },
  };
}

/**
 * rate-limiter-flexible's increment script with the expiry in milliseconds: the key lives
 * `spacingMs` from the first request of a slot, so the next one across all processes waits
 * exactly that long.
 */
function incrWithMsExpiry(spacingMs: number): string {
  const ms = Math.round(spacingMs);
  return `redis.call('set', KEYS[1], 0, 'PX', ${ms}, 'NX')
local consumed = redis.call('incrby', KEYS[1], ARGV[1])
local ttl = redis.call('pttl', KEYS[1])
if ttl == -1 then
  redis.call('pexpire', KEYS[1], ${ms})
  ttl = ${ms}
end
return {consumed, ttl}`;
}

/** host:port only: the URL may carry a password. */
function describe(redisUrl: string): string {
  try {
    const url = new URL(redisUrl);
    return url.port ? `${url.hostname}:${url.port}` : url.hostname;
  } catch {
    return "(unparsable URL)";
  }
}

function errorCode(error: Error): string {
  return (error as NodeJS.ErrnoException).code ?? error.name;
}

function perMinute(spacingMs: number): number {
  return Math.round(60_000 / spacingMs);
}
