import * as assert from "node:assert/strict";
import { RequestScheduler } from "../../provider/client/request-scheduler";

describe("request scheduler", () => {
  it("serves the oldest migration's lane first, writes before reads before polls", async () => {
    const scheduler = new RequestScheduler({ budgetPerMinute: 600 }); // burst 30, then one per ~105 ms
    await Promise.all(Array.from({ length: 30 }, () => scheduler.acquire("poll"))); // spend the burst
    const order: string[] = [];
    const ask = (name: string, priority: "write" | "read" | "poll", lane: number) =>
      scheduler.acquire(priority, lane).then(() => order.push(name));
    await Promise.all([ask("lane3-poll", "poll", 3), ask("lane1-poll", "poll", 1), ask("lane2-write", "write", 2), ask("lane1-write", "write", 1), ask("lane1-read", "read", 1)]);
    assert.deepEqual(order, ["lane1-write", "lane1-read", "lane1-poll", "lane2-write", "lane3-poll"]);
    assert.equal(scheduler.stats.sent, 35);
  });

  it("refuses a budget it cannot keep", () => {
    assert.throws(() => new RequestScheduler({ budgetPerMinute: 1 }), /budgetPerMinute must be a whole number of at least 2/);
  });
});
