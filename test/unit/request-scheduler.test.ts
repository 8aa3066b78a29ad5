import * as assert from "node:assert/strict";
import { RequestScheduler } from "../../provider/client/request-scheduler";

describe("request scheduler", () => {
  it("sends writes before reads before polls, first come first served within each", async () => {
    const scheduler = new RequestScheduler({ budgetPerMinute: 600 }); // burst 30, then one per ~105 ms
    await Promise.all(Array.from({ length: 30 }, () => scheduler.acquire("poll"))); // spend the burst
    const order: string[] = [];
    const ask = (name: string, priority: "write" | "read" | "poll") => scheduler.acquire(priority).then(() => order.push(name));
    await Promise.all([ask("poll-1", "poll"), ask("read-1", "read"), ask("write-1", "write"), ask("poll-2", "poll"), ask("write-2", "write")]);
    assert.deepEqual(order, ["write-1", "write-2", "read-1", "poll-1", "poll-2"]);
    assert.equal(scheduler.stats.sent, 35);
  });

  it("refuses a budget it cannot keep", () => {
    assert.throws(() => new RequestScheduler({ budgetPerMinute: 1 }), /budgetPerMinute must be a whole number of at least 2/);
  });
});
