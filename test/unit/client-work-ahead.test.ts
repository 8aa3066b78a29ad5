import * as assert from "node:assert/strict";
import { WorkAhead } from "../../provider/engines/client/work-ahead";
import type { AsyncWork } from "../../provider/engines/client/waiting";
import type { PollSchedule } from "../../provider/migration/poll-schedule";

const EXPECTED: Record<AsyncWork, number> = { operation: 5, addon: 20, deployment: 60, backup: 15, restore: 10 };
const schedule: PollSchedule<AsyncWork> = { expectedMs: (kind) => EXPECTED[kind], nextDelayMs: () => 0, observe: () => undefined };

describe("the client engine's work ahead (its rank in the request budget)", () => {
  it("counts the jobs of the steps the up runs, and drops each one as it ends", () => {
    const ahead = new WorkAhead(schedule);
    ahead.plan(["preflight", "prepare", "data", "finalize"]);
    // addons 20 + build 60, the source stopped 5, one database backed up 15 and restored 10, the destination started 5
    assert.equal(ahead.ms(), 115);
    ahead.passed("addon");
    assert.equal(ahead.ms(), 95);
    ahead.passed("deployment");
    ahead.passed("operation"); // the source stopped: the data step's operation, not finalize's
    assert.equal(ahead.ms(), 30);
    ahead.databasesToMove(2);
    assert.equal(ahead.ms(), 2 * 25 + 5);
  });

  it("without the data step, finalize both stops the source and starts the destination", () => {
    const ahead = new WorkAhead(schedule);
    ahead.plan(["finalize"]);
    assert.equal(ahead.ms(), 10);
  });

  it("forgets a step's jobs it never waited for once the step is over (a resumed run found them done)", () => {
    const ahead = new WorkAhead(schedule);
    ahead.plan(["prepare", "data"]);
    ahead.stepDone("prepare");
    assert.equal(ahead.ms(), 5 + 25);
    ahead.passed("deployment"); // nothing of the kind ahead: no change
    assert.equal(ahead.ms(), 30);
  });

  it("follows what the schedule has learned of each kind", () => {
    const learned = { ...EXPECTED };
    const ahead = new WorkAhead({ ...schedule, expectedMs: (kind) => learned[kind] });
    ahead.plan(["prepare"]);
    learned.deployment = 200;
    assert.equal(ahead.ms(), 220);
  });
});
