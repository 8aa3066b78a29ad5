import * as assert from "node:assert/strict";
import { DEFAULT_API_TOKEN, startSimulator, type RequestLogEntry, type Simulator } from "../../simulator";
import { runStackFleet, type StackFleetResult } from "../../scripts/bench/stacks";
import { startRedisServer, type RedisServer } from "../../scripts/support/redis-server";
import { requireEngine } from "../support/pulumi-engine";
import { requireRedis } from "../support/redis";

/**
 * Issue #15: three stacks of one account, three `pulumi up` processes at once, against the
 * simulator with Scalingo's rate limit (60 requests a minute). Two apps a stack, fast steps:
 * about a hundred requests, so that three processes each believing they own 58 a minute draw
 * 429s, and one shared budget must not.
 */
const STACKS = 3;
const APPS = 6;

describe("shared request budget: three `pulumi up` processes, one account (real engine, real Redis)", function () {
  this.timeout(600_000);
  let simulator: Simulator | undefined;
  let redis: RedisServer | undefined;

  before(function () {
    requireEngine(this);
    requireRedis(this);
  });
  beforeEach(async () => {
    simulator = await startSimulator({ port: 0, profile: "fast", rateLimitPerMinute: 60 });
  });
  afterEach(async () => {
    await redis?.stop();
    redis = undefined;
    await simulator?.close();
  });

  const fleet = (redisUrl?: string) =>
    runStackFleet({ authUrl: simulator!.authUrl, apiToken: DEFAULT_API_TOKEN, apps: APPS, stacks: STACKS, ...(redisUrl ? { redisUrl } : {}) });

  it("with the shared budget: no 429 at all, and every migration done", async () => {
    redis = await startRedisServer();
    const result = await fleet(redis.url);
    report("shared", result, simulator!);
    assertAllDone(result, simulator!);
    assert.equal(rateLimited(simulator!.requests()), 0, "no 429 with one budget for the account");
  });

  it("without it, the same three processes draw 429s (and retry them)", async () => {
    const result = await fleet();
    report("unshared", result, simulator!);
    assert.ok(rateLimited(simulator!.requests()) > 0, "three processes of 58 a minute each overrun the account's 60");
  });

  it("Redis killed mid-fleet and restarted: every migration done, each created and each step run once", async () => {
    redis = await startRedisServer();
    const running = fleet(redis.url);
    await waitFor(() => writes(simulator!.requests()).length >= 6, 120_000);
    await redis.kill();
    await new Promise((resolve) => setTimeout(resolve, 8_000));
    await redis.restart();
    const result = await running;
    report("redis killed", result, simulator!);
    assertAllDone(result, simulator!);

    const requests = simulator!.requests().filter((r) => r.status < 300);
    for (const app of result.stacks.flatMap((s) => s.apps)) {
      const creates = requests.filter((r) => r.method === "POST" && r.path === `/v1/apps/${app}/region_migrations`);
      const runs = requests.filter((r) => r.method === "POST" && r.path.startsWith(`/v1/apps/${app}/region_migrations/`) && r.path.endsWith("/run"));
      assert.equal(creates.length, 1, `${app}: one create`);
      assert.equal(runs.length, 4, `${app}: preflight, prepare, data and finalize, once each`);
    }
    const output = result.stacks.flatMap((s) => s.output).join("\n");
    assert.match(output, /warning: shared request budget: Redis at 127\.0\.0\.1:\d+ (went away|is unreachable)/);
    assert.match(output, /Redis at 127\.0\.0\.1:\d+ is back; the budget is shared again/);
  });
});

function assertAllDone(result: StackFleetResult, simulator: Simulator): void {
  for (const stack of result.stacks) assert.equal(stack.error, null, `${stack.name}: pulumi up failed:\n${stack.error}\n${stack.output.join("")}`);
  for (const app of result.stacks.flatMap((s) => s.apps)) assert.equal(simulator.migrations(app).at(-1)?.status, "done", `${app} migrated`);
}

function rateLimited(requests: RequestLogEntry[]): number {
  return requests.filter((r) => r.status === 429).length;
}

function writes(requests: RequestLogEntry[]): RequestLogEntry[] {
  return requests.filter((r) => r.method === "POST" && !r.path.endsWith("/tokens/exchange"));
}

/** The figures the issue asks to report, in the test log. */
function report(what: string, result: StackFleetResult, simulator: Simulator): void {
  const requests = simulator.requests();
  const failed = result.stacks.filter((s) => s.error !== null).length;
  console.log(`      [${what}] ${STACKS} stacks × ${APPS / STACKS} apps: ${Math.round(result.wallMs / 1000)} s, ${requests.length} requests, ${rateLimited(requests)} × 429, ${failed} failed up(s)`);
}

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) assert.fail("timed out waiting for the fleet to start");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
