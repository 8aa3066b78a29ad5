import * as assert from "node:assert/strict";
import { failureReport, nextStepHint, operationsOf, planLines, progressLine } from "../../provider/migration/messages";
import type { MigrationSnapshot } from "../../provider/migration/snapshot";
import type { MigrationStatus } from "../../provider/migration/stages";
import { snapshot } from "../support/snapshots";

const NAMES = { app: "my-app", dstName: "my-app-secnum", source: "osc-fr1", destination: "osc-secnum-fr1" };

function migration(status: MigrationStatus, steps: MigrationSnapshot["steps"]): MigrationSnapshot {
  return snapshot(status, { steps });
}

describe("messages", () => {
  it("hints at the next stage for every status, in the CLI's words", () => {
    const expectations: [MigrationStatus | undefined, RegExp][] = [
      [undefined, /set stage to "create"/],
      ["created", /preflight checks will begin shortly/],
      ["preflight-success", /can be migrated to osc-secnum-fr1: set stage to "prepare"/],
      ["preflight-error", /nothing to abort/],
      ["running", /run `pulumi up` again to wait/],
      ["prepared", /has been prepared: set stage to "data".*migrateData: false.*"finalize"/],
      ["data-migrated", /Data has been migrated.*set stage to "finalize"/],
      ["error", /waits for an abort: run `pulumi destroy`/],
      ["aborting", /being aborted/],
      ["aborted", /No migration is in progress/],
    ];
    for (const [status, hint] of expectations) assert.match(nextStepHint(status, "osc-secnum-fr1"), hint, String(status));
    assert.equal(nextStepHint("done", "osc-secnum-fr1"), "");
  });

  it("lists failed steps newest first with their logs, and offers the abort", () => {
    const report = failureReport(
      migration("error", [
        { id: "1", name: "Import environment variables", status: "error", logs: "first" },
        { id: "2", name: "Import domains", status: "done", logs: null },
        { id: "3", name: "Import addons data", status: "error", logs: "second\nline" },
      ]),
    );
    const lines = report.split("\n");
    const first = lines.findIndex((l) => l.includes("✘ Import addons data: second line"));
    const second = lines.findIndex((l) => l.includes("✘ Import environment variables: first"));
    assert.ok(first > 0 && second > first, report);
    assert.ok(!report.includes("Import domains"));
    assert.match(report, /run `pulumi destroy` to abort it/);
    assert.match(report, /support/);
  });

  it("does not offer an abort after a preflight error (it is final)", () => {
    const report = failureReport(migration("preflight-error", [{ id: "1", name: "Check addon versions", status: "error", logs: "too old" }]));
    assert.match(report, /nothing to abort/);
    assert.doesNotMatch(report, /run `pulumi destroy` to abort it/);
  });

  it("prints one progress line per sub-step status, prefixed with the resource", () => {
    assert.equal(progressLine("m", { id: "1", name: "Check addon versions", status: "done", logs: null }), "[m] ✔ Check addon versions");
    assert.equal(progressLine("m", { id: "1", name: "Import addons data", status: "error", logs: "disk full" }), "[m] ✘ Import addons data: disk full");
    assert.equal(progressLine("m", { id: "1", name: "Start the new app", status: "running", logs: null }), "[m] … Start the new app");
  });

  it("previews each step's operations like the CLI did", () => {
    assert.ok(operationsOf("prepare", NAMES).includes("Create the new app named my-app-secnum in the region osc-secnum-fr1"));
    assert.deepEqual(operationsOf("data", NAMES), ["Stop your old app", "Create addons on the 'osc-secnum-fr1' region", "Import addons data"]);
    assert.deepEqual(operationsOf("finalize", NAMES), [
      "Start the new app",
      "Redirect the traffic coming to 'my-app' on the old region to 'my-app-secnum' on 'osc-secnum-fr1'",
    ]);
    assert.equal(operationsOf("finalize", { ...NAMES, dataSkipped: true })[0], "Stop your old app");
  });

  it("previews a plan: the wait first, then each step's operations, or only why nothing can run", () => {
    const lines = planLines("m", { reached: false, waitFor: "prepare", steps: ["data"] }, NAMES);
    assert.deepEqual(lines, [
      "[m] plan: wait for the running 'prepare' step",
      "[m] plan: data: the following operations will be achieved:",
      "[m]   - Stop your old app",
      "[m]   - Create addons on the 'osc-secnum-fr1' region",
      "[m]   - Import addons data",
    ]);
    assert.equal(planLines("m", { reached: false, steps: ["preflight"] }, NAMES)[0], "[m] plan: create: the following operations will be achieved:");
    assert.deepEqual(planLines("m", { reached: false, steps: [], blocked: "fix it" }, NAMES), ["[m] plan: nothing can run: fix it"]);
    assert.deepEqual(planLines("m", { reached: true, steps: [] }, NAMES), []);
  });
});
