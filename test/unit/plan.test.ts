import * as assert from "node:assert/strict";
import { nextAction, plannedSteps, statusAfter } from "../../provider/engines/server/planner";
import type { PlanTarget } from "../../provider/migration/engine";
import { STAGES, stageIndex, type MigrationStatus, type Stage } from "../../provider/migration/stages";

const ALL_STATUSES: (MigrationStatus | undefined)[] = [
  undefined, "created", "preflight-success", "preflight-error", "running", "prepared",
  "data-migrated", "done", "error", "aborting", "aborted",
];

/** Stage each settled status proves; undefined for statuses that prove none. */
const PROVEN: Partial<Record<string, Stage>> = {
  "preflight-success": "create", prepared: "prepare", "data-migrated": "data", done: "finalize",
};

describe("transition planner", () => {
  const targets: PlanTarget[] = STAGES.flatMap((stage) => [true, false].map((migrateData) => ({ stage, migrateData })))
    .filter((t) => !(t.stage === "data" && !t.migrateData));

  for (const status of ALL_STATUSES) {
    for (const target of targets) {
      it(`from ${status ?? "nothing"} to ${target.stage}${target.migrateData ? "" : " (no data)"}`, () => {
        const action = nextAction(status, target);
        const proven = status ? PROVEN[status] : undefined;
        if (status === undefined || status === "aborted" || status === "preflight-error") {
          assert.deepEqual(action, { kind: "create" });
        } else if (status === "running" || status === "aborting") {
          assert.deepEqual(action, { kind: "wait" });
        } else if (status === "error") {
          assert.deepEqual(action, { kind: "blocked", reason: "failed" });
        } else if (status === "created") {
          assert.deepEqual(action, { kind: "run", step: "preflight" });
        } else if (proven === target.stage) {
          assert.deepEqual(action, { kind: "reached" });
        } else if (proven && stageIndex(target.stage) < stageIndex(proven)) {
          // Beyond the target: nothing to do (going back is refused on the declaration).
          assert.deepEqual(action, { kind: "reached" });
        } else if (status === "prepared" && !target.migrateData && target.stage === "data") {
          assert.deepEqual(action, { kind: "reached" });
        } else if (status === "prepared" && !target.migrateData && target.stage === "finalize") {
          assert.deepEqual(action, { kind: "run", step: "finalize" });
        } else {
          assert.equal(action.kind, "run");
          // Every run moves exactly one stage forward from what the status proves.
          const step = (action as { step: Exclude<Stage, "create"> | "preflight" }).step;
          const after = PROVEN[statusAfter(step)]!;
          assert.equal(stageIndex(after), stageIndex(proven!) + 1 + (step === "finalize" && !target.migrateData && proven === "prepare" ? 1 : 0));
        }
      });
    }
  }

  it("plans the whole path from nothing to finalize", () => {
    assert.deepEqual(plannedSteps(undefined, { stage: "finalize", migrateData: true }), ["preflight", "prepare", "data", "finalize"]);
  });

  it("skips data when the user migrates data themselves", () => {
    assert.deepEqual(plannedSteps(undefined, { stage: "finalize", migrateData: false }), ["preflight", "prepare", "finalize"]);
  });

  it("plans nothing when the stage is reached", () => {
    assert.deepEqual(plannedSteps("prepared", { stage: "prepare", migrateData: true }), []);
  });

  it("follows a running step to where it is heading", () => {
    assert.deepEqual(plannedSteps("running", { stage: "finalize", migrateData: true }, "prepare"), ["data", "finalize"]);
  });

  it("asks to read the server again for a status it does not know", () => {
    assert.deepEqual(nextAction("migrating-to-mars" as MigrationStatus, { stage: "finalize", migrateData: true }), { kind: "unknown" });
    assert.deepEqual(plannedSteps("migrating-to-mars" as MigrationStatus, { stage: "finalize", migrateData: true }), { kind: "unknown" });
  });

  it("reports a blocked migration instead of a plan", () => {
    assert.deepEqual(plannedSteps("error", { stage: "finalize", migrateData: true }), { kind: "blocked", reason: "failed" });
  });
});
