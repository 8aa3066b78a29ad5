import * as assert from "node:assert/strict";
import Redis from "ioredis";
import { budgetKey, sharedPacer, type SharedPacer } from "../../provider/client/shared-pacer";
import { startRedisServer, type RedisServer } from "../../scripts/support/redis-server";
import { requireRedis } from "../support/redis";

/**
 * The shared budget against a real redis-server: two pacers stand for two provider processes
 * of one account.
 */
describe("shared pacer (rate-limiter-flexible over a real Redis)", function () {
  this.timeout(60_000);
  let redis: RedisServer | undefined;
  const pacers: SharedPacer[] = [];
  const lines: string[] = [];

  before(async function () {
    requireRedis(this);
    redis = await startRedisServer();
  });
  after(async () => {
    await redis?.stop();
  });
  afterEach(() => {
    for (const p of pacers.splice(0)) p.close();
    lines.length = 0;
  });

  function pacer(apiToken: string, spacingMs: number, fallbackSpacingMs = 4 * spacingMs): SharedPacer {
    const p = sharedPacer({ redisUrl: redis!.url, apiToken, spacingMs, fallbackSpacingMs, log: (line) => lines.push(line) });
    pacers.push(p);
    return p;
  }

  /** Takes `count` slots from each pacer, all at once; returns the grant times, sorted. */
  async function grants(ps: SharedPacer[], count: number): Promise<number[]> {
    const times: number[] = [];
    await Promise.all(
      ps.map(async (p) => {
        for (let i = 0; i < count; i++) {
          await p.slot();
          times.push(Date.now());
        }
      }),
    );
    return times.sort((a, b) => a - b);
  }

  it("spaces the requests of two processes of one account as one budget, keyed by a hash of the token", async () => {
    const spacing = 250;
    const times = await grants([pacer("token-of-account-a", spacing), pacer("token-of-account-a", spacing)], 5);
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    // Timer granularity: a grant can be seen a few ms early relative to the previous one's clock read.
    assert.ok(Math.min(...gaps) >= spacing - 15, `gaps ${gaps.join(",")} must all be about ${spacing} ms or more`);
    assert.ok(times.at(-1)! - times[0]! >= 9 * spacing - 30, "ten requests took nine spacings");

    const inspector = new Redis(redis!.url);
    try {
      const keys = await inspector.keys("*");
      assert.ok(keys.length > 0 && keys.every((k) => !k.includes("token-of-account-a")), `keys ${keys.join(",")} must not hold the token`);
      assert.ok(keys.some((k) => k.endsWith(budgetKey("token-of-account-a"))));
    } finally {
      inspector.disconnect();
    }
  });

  it("keeps two accounts apart", async () => {
    const spacing = 1_000;
    const started = Date.now();
    await grants([pacer("token-a", spacing), pacer("token-b", spacing)], 1);
    assert.ok(Date.now() - started < 500, "each account's first request goes at once");
  });

  it("pauses every process of the account after one 429", async () => {
    const [one, two] = [pacer("token-pause", 100), pacer("token-pause", 100)];
    await one.slot();
    one.pause(1_500);
    await new Promise((resolve) => setTimeout(resolve, 50)); // the block reaches Redis
    const started = Date.now();
    await two.slot();
    assert.ok(Date.now() - started >= 1_300, `the other process waited ${Date.now() - started} ms, not the pause`);
  });

  it("goes on at the local share when Redis dies, says so once, and shares again when it is back", async () => {
    const spacing = 200;
    const fallback = 600;
    const p = pacer("token-fault", spacing, fallback);
    await grants([p], 3);
    assert.equal(lines.length, 0, lines.join("\n"));

    await redis!.kill();
    const downTimes = await grants([p], 4);
    const downGaps = downTimes.slice(1).map((t, i) => t - downTimes[i]!);
    assert.ok(Math.min(...downGaps) >= fallback - 15, `gaps ${downGaps.join(",")} while Redis is down must be the local share's ${fallback} ms`);
    assert.equal(lines.filter((l) => /warning: shared request budget: Redis at 127\.0\.0\.1:\d+ (went away|is unreachable)/.test(l)).length, 1, lines.join("\n"));
    assert.ok(lines.every((l) => !l.includes("redis://")), "the URL (which may hold a password) is never printed");

    await redis!.restart();
    await waitFor(() => lines.some((l) => /is back; the budget is shared again/.test(l)), 10_000, () => lines.join("\n"));
    // Back on Redis: a second process of the account is paced with it again.
    const times = await grants([p, pacer("token-fault", spacing, fallback)], 3);
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    assert.ok(Math.min(...gaps) >= spacing - 15 && Math.max(...gaps) < fallback, `gaps ${gaps.join(",")} after the restart must be the shared ${spacing} ms`);
    assert.equal(lines.length, 2, lines.join("\n"));
  });

  it("starts on the local share when Redis is not there at all", async () => {
    const p = sharedPacer({ redisUrl: "redis://127.0.0.1:1", apiToken: "t", spacingMs: 100, fallbackSpacingMs: 300, log: (line) => lines.push(line) });
    pacers.push(p);
    const times = await grants([p], 3);
    assert.ok(times.at(-1)! - times[0]! >= 2 * 300 - 30);
    assert.equal(lines.length, 1);
    assert.match(lines[0]!, /is unreachable \(ECONNREFUSED\); this process goes on alone at 200 requests a minute/);
  });
});

async function waitFor(condition: () => boolean, timeoutMs: number, context: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) assert.fail(`timed out; so far:\n${context()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
