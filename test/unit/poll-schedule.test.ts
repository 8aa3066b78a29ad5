import * as assert from "node:assert/strict";
import { AdaptivePollSchedule, DEFAULT_POLLING } from "../../provider/migration/poll-schedule";
import { ASYNC_POLLING } from "../../provider/engines/client/waiting";

/** Simulates the waiter: the elapsed times at which it would look until `endMs`. */
function looksUntil(schedule: AdaptivePollSchedule, step: "prepare" | "data", endMs: number): number[] {
  const looks: number[] = [];
  let elapsed = 0;
  while (elapsed < endMs) {
    elapsed += schedule.nextDelayMs(step, elapsed);
    looks.push(elapsed);
  }
  return looks;
}

describe("adaptive poll schedule", () => {
  it("looks quickly at first, so fast steps are seen fast", () => {
    const looks = looksUntil(new AdaptivePollSchedule(), "prepare", 400);
    assert.equal(looks.length, 2);
    assert.ok(looks.at(-1)! < 700);
  });

  it("notices a step that ends on time within the due gap", () => {
    const looks = looksUntil(new AdaptivePollSchedule(), "data", DEFAULT_POLLING.expectedMs.data);
    const lateness = looks.at(-1)! - DEFAULT_POLLING.expectedMs.data;
    assert.ok(lateness <= DEFAULT_POLLING.dueGapMs, `seen ${lateness} ms late`);
  });

  it("spends far fewer looks than once a second on a long step", () => {
    const looks = looksUntil(new AdaptivePollSchedule(), "data", 180_000);
    assert.ok(looks.length < 180 / 4, `${looks.length} looks for a 3-minute step`);
  });

  it("never waits longer than the longest gap, even far past the expected end", () => {
    const schedule = new AdaptivePollSchedule();
    for (const elapsed of [0, 1_000, 60_000, 600_000, 3_600_000]) {
      assert.ok(schedule.nextDelayMs("prepare", elapsed) <= DEFAULT_POLLING.maxGapMs);
    }
  });

  it("learns the durations it observes", () => {
    const schedule = new AdaptivePollSchedule();
    schedule.observe("prepare", 8_000);
    assert.equal(schedule.expectedMs("prepare"), 8_000);
    schedule.observe("prepare", 12_000);
    assert.equal(schedule.expectedMs("prepare"), 10_000);
    const looks = looksUntil(schedule, "prepare", 10_000);
    assert.ok(looks.length <= 2, `${looks.length} looks once the duration is known`);
  });
});

describe("the client engine's schedule of asynchronous jobs", () => {
  it("once a kind's duration is learned, looks first just after it and sees a job of that duration in one look", () => {
    const schedule = new AdaptivePollSchedule(ASYNC_POLLING);
    schedule.observe("deployment", 60_000);
    const first = schedule.nextDelayMs("deployment", 0);
    assert.ok(first >= 60_000 && first <= 60_000 * 1.1, `first look at ${first} ms`);
  });

  it("before learning: one quick look, then looks that halve the time to the prior; a job as long as the prior is seen within the due gap, in six looks at most", () => {
    const schedule = new AdaptivePollSchedule(ASYNC_POLLING);
    const looks: number[] = [];
    let elapsed = 0;
    while (elapsed < ASYNC_POLLING.expectedMs.addon) {
      elapsed += schedule.nextDelayMs("addon", elapsed);
      looks.push(elapsed);
    }
    assert.equal(looks[0], ASYNC_POLLING.firstDelayMs);
    assert.ok(looks.length <= 6, `looks at ${looks.join(", ")}`);
    assert.ok(looks.at(-1)! - ASYNC_POLLING.expectedMs.addon <= ASYNC_POLLING.dueGapMs, `seen at ${looks.at(-1)} ms`);
  });
});
