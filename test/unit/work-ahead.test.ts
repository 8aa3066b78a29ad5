import * as assert from "node:assert/strict";
import { statusAfter } from "../../provider/engines/server/planner";
import { workAheadMs } from "../../provider/engines/server/work-ahead";
import type { RunStep } from "../../provider/migration/stages";

const EXPECTED: Record<RunStep, number> = { preflight: 5, prepare: 30, data: 180, finalize: 20 };
const expected = (step: RunStep) => EXPECTED[step];
const toFinalize = { stage: "finalize" as const, migrateData: true };

describe("work ahead of a migration", () => {
  it("is the whole path before the migration exists, and nothing once it is done", () => {
    assert.equal(workAheadMs(undefined, toFinalize, expected), 235);
    assert.equal(workAheadMs("done", toFinalize, expected), 0);
  });

  it("counts only the steps up to the declared stage, without data when it is skipped", () => {
    assert.equal(workAheadMs(undefined, { stage: "prepare", migrateData: true }, expected), 35);
    assert.equal(workAheadMs(undefined, { stage: "finalize", migrateData: false }, expected), 55);
    assert.equal(workAheadMs("prepared", toFinalize, expected), 200);
  });

  it("after a running step, is what that step's end unblocks", () => {
    assert.equal(workAheadMs(statusAfter("prepare"), toFinalize, expected), 200);
    assert.equal(workAheadMs(statusAfter("data"), toFinalize, expected), 20);
    assert.equal(workAheadMs(statusAfter("finalize"), toFinalize, expected), 0);
  });

  it("is nothing for a failed migration: it waits for an abort, not for the budget", () => {
    assert.equal(workAheadMs("error", toFinalize, expected), 0);
  });
});
