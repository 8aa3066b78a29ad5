import * as assert from "node:assert/strict";
import type { RequestHints, RequestPriority } from "../../provider/client/request-gate";
import { RequestScheduler } from "../../provider/client/request-scheduler";

/** Queues every request behind one that holds the only slot, then lets them go: the order they went in. */
async function orderOf(requests: [name: string, priority: RequestPriority, hints?: RequestHints][], now = Date.now): Promise<string[]> {
  const scheduler = new RequestScheduler({ budgetPerMinute: 600, now }); // one request every ~101 ms
  await scheduler.acquire("write"); // the slot of the next ~101 ms is spent: the rest queue
  const order: string[] = [];
  await Promise.all(requests.map(([name, priority, hints]) => scheduler.acquire(priority, hints).then(() => order.push(name))));
  return order;
}

describe("request scheduler", () => {
  it("without hints sends writes before reads before polls, first come first served within each", async () => {
    const order = await orderOf([
      ["poll-1", "poll"],
      ["read-1", "read"],
      ["write-1", "write"],
      ["poll-2", "poll"],
      ["write-2", "write"],
    ]);
    assert.deepEqual(order, ["write-1", "write-2", "read-1", "poll-1", "poll-2"]);
  });

  it("serves the most server work ahead first, whatever the kind of request", async () => {
    const order = await orderOf([
      ["read new app (nothing ahead)", "read", { workAheadMs: 0 }],
      ["run finalize", "write", { workAheadMs: 20_000 }],
      ["look at prepare (data and finalize ahead)", "poll", { workAheadMs: 200_000 }],
      ["token exchange (unknown: holds up everything)", "write"],
      ["create", "write", { workAheadMs: 235_000 }],
    ]);
    assert.deepEqual(order, [
      "token exchange (unknown: holds up everything)",
      "create",
      "look at prepare (data and finalize ahead)",
      "run finalize",
      "read new app (nothing ahead)",
    ]);
  });

  it("among as much work ahead, serves the caller placed first, then those placed nowhere; more work ahead still comes first", async () => {
    const order = await orderOf([
      ["third migration's read", "read", { workAheadMs: 60_000, order: 2 }],
      ["unplaced write", "write", { workAheadMs: 60_000 }],
      ["first migration's poll", "poll", { workAheadMs: 60_000, order: 0 }],
      ["second migration's write, more ahead", "write", { workAheadMs: 90_000, order: 1 }],
      ["first migration's write", "write", { workAheadMs: 60_000, order: 0 }],
    ]);
    assert.deepEqual(order, ["second migration's write, more ahead", "first migration's write", "first migration's poll", "third migration's read", "unplaced write"]);
  });

  it("sends a guess (a look before its step is due) only when nothing else waits, and a due look in its turn", async () => {
    let clock = 1_000_000;
    const order = await orderOf(
      [
        ["guess at data", "poll", { workAheadMs: 20_000, dueAt: clock + 60_000 }],
        ["due look at prepare", "poll", { workAheadMs: 200_000, dueAt: clock - 1 }],
        ["read new app", "read", { workAheadMs: 0 }],
      ],
      () => clock,
    );
    assert.deepEqual(order, ["due look at prepare", "read new app", "guess at data"]);

    clock = 2_000_000;
    const later = await orderOf(
      [
        ["read new app", "read", { workAheadMs: 0 }],
        ["look at data, due now", "poll", { workAheadMs: 20_000, dueAt: clock }],
      ],
      () => clock,
    );
    assert.deepEqual(later, ["look at data, due now", "read new app"]);
  });

  it("never lets more than the budget through in any window", async () => {
    const windowMs = 500;
    const budget = 10;
    const scheduler = new RequestScheduler({ budgetPerMinute: budget, windowMs });
    const sentAt: number[] = [];
    await Promise.all(Array.from({ length: 25 }, () => scheduler.acquire("poll").then(() => sentAt.push(Date.now()))));
    for (const start of sentAt) {
      const inWindow = sentAt.filter((t) => t >= start && t < start + windowMs).length;
      assert.ok(inWindow <= budget, `${inWindow} requests within ${windowMs} ms of ${start}`);
    }
    assert.equal(scheduler.stats.sent, 25);
  });

  it("paces requests floor(window / budget) + 1 ms apart, and sends at once after a quiet spell", async () => {
    const scheduler = new RequestScheduler({ budgetPerMinute: 600 }); // floor(60000 / 600) + 1 = 101 ms
    const sentAt: number[] = [];
    await Promise.all(Array.from({ length: 6 }, () => scheduler.acquire("read").then(() => sentAt.push(Date.now()))));
    const gaps = sentAt.slice(1).map((t, i) => t - sentAt[i]!);
    for (const gap of gaps) assert.ok(gap >= 100 && gap < 160, `gaps ${gaps.join(", ")} ms, expected about 101`);

    await new Promise((resolve) => setTimeout(resolve, 150));
    const asked = Date.now();
    await scheduler.acquire("read");
    assert.ok(Date.now() - asked < 30, `a request after a quiet spell waited ${Date.now() - asked} ms`);
  });

  it("sends nothing during the pause after a 429", async () => {
    const scheduler = new RequestScheduler({ budgetPerMinute: 600, rateLimitPauseMs: 400 });
    await scheduler.acquire("read");
    scheduler.onRateLimited();
    const paused = Date.now();
    await scheduler.acquire("write");
    assert.ok(Date.now() - paused >= 395, `sent ${Date.now() - paused} ms into a 400 ms pause`);
    assert.equal(scheduler.stats.rateLimited, 1);
  });

  it("refuses a budget it cannot keep", () => {
    assert.throws(() => new RequestScheduler({ budgetPerMinute: 1 }), /budgetPerMinute must be a whole number of at least 2/);
  });
});
