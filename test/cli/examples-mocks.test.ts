import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as path from "node:path";

const EXAMPLES = path.join(__dirname, "..", "..", "examples");

describe("examples/manual-data (Pulumi mocks)", function () {
  this.timeout(60_000);
  // Its local.Command needs the pulumi-resource-command plugin, which this network cannot
  // provide (the Go module proxy refuses it): the wiring is checked under Pulumi's mocks.
  it("copies data after prepare and finalizes only after the copy", () => {
    const report = JSON.parse(
      execFileSync(process.execPath, [path.join(__dirname, "..", "support", "mock-run.js"), path.join(EXAMPLES, "manual-data", "index.js")], { encoding: "utf8" }),
    ) as { name: string; type: string; inputs: Record<string, unknown>; dependencies: string[] }[];
    const byName = new Map(report.map((r) => [r.name, r]));
    const prepared = byName.get("my-app-prepared")!;
    const copy = byName.get("copy-data")!;
    const finalized = byName.get("my-app-finalized")!;
    assert.equal(prepared.inputs.stage, "prepare");
    assert.equal(prepared.inputs.migrateData, false);
    assert.equal(copy.type, "command:local:Command");
    assert.ok(copy.dependencies.some((urn) => urn.endsWith("::my-app-prepared")), "the copy waits for prepare");
    assert.equal(finalized.inputs.stage, "finalize");
    assert.ok(finalized.dependencies.some((urn) => urn.endsWith("::copy-data")), "finalize waits for the copy");
    assert.equal(finalized.inputs.migrationId, "mock-migration-my-app-prepared", "finalize adopts the prepared migration");
  });
});
