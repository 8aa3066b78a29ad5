import * as assert from "node:assert/strict";
import type { Simulator } from "../../simulator";
import { requireEngine, type TestStack } from "../support/pulumi-engine";
import { simulatorWithEnv } from "../support/simulator-env";
import { assertNoToken, createPosts, outputsOf, rootProgramStack, runPosts, setConfig, storedMigration, writes } from "./e2e-harness";

describe("real engine: the migration path", function () {
  this.timeout(180_000);
  let simulator: Simulator;
  let stack: TestStack | undefined;

  before(function () {
    requireEngine(this);
  });
  beforeEach(async () => {
    simulator = await simulatorWithEnv({ rateLimitPerMinute: 600 });
  });
  afterEach(async () => {
    stack?.remove();
    stack = undefined;
    await simulator.close();
  });

  it("one up per stage, each previewed first without any write", async () => {
    stack = await rootProgramStack(simulator, { app: "my-app" });
    const expected = { create: "preflight-success", prepare: "prepared", data: "data-migrated", finalize: "done" } as const;
    for (const [stage, status] of Object.entries(expected)) {
      await setConfig(stack, { stage });
      simulator.clearRequests();
      stack.output.length = 0;
      await stack.preview();
      assert.deepEqual(writes(simulator), [], `preview of ${stage} wrote to Scalingo`);
      const planStep = stage === "create" ? "create" : stage;
      if (process.env.DEBUG_E2E) console.log(stack.output.join(""));
      assert.match(stack.output.join(""), new RegExp(`plan: ${planStep}: the following operations will be achieved`), `preview of ${stage} printed no plan`);

      await stack.up();
      const outputs = await outputsOf(stack);
      assert.equal(outputs.status, status);
      assert.equal(outputs.stage, stage);
    }
    const outputs = await outputsOf(stack);
    assert.equal(outputs.newAppUrl, "https://my-app.osc-secnum-fr1.scalingo.io");
    assert.match(String(outputs.gitUrl), /my-app\.git$/);
    assert.deepEqual(outputs.dnsChanges, [{ domain: "my-app.example.com", type: "CNAME", target: "my-app.osc-secnum-fr1.scalingo.io" }]);
    assert.equal(simulator.app("osc-secnum-fr1", "my-app")?.status, "running");
    assert.equal(createPosts(simulator, "my-app").length, 0, "(requests were cleared per stage)");
    await assertNoToken(stack);
  });

  it("progress lines reach the CLI output", async () => {
    stack = await rootProgramStack(simulator, { app: "my-app", stage: "prepare" });
    await stack.up();
    const output = stack.output.join("");
    assert.match(output, /✔ Check addon versions/);
    assert.match(output, /✔ Import environment variables/);
  });

  it("goes from nothing to finalize in one up", async () => {
    stack = await rootProgramStack(simulator, { app: "my-app", stage: "finalize" });
    await stack.up();
    assert.equal((await outputsOf(stack)).status, "done");
    assert.equal(createPosts(simulator, "my-app").length, 1);
    assert.equal(runPosts(simulator, "my-app").length, 4);
  });

  it("skips data with migrateData false", async () => {
    stack = await rootProgramStack(simulator, { app: "my-app", stage: "finalize", migrateData: "false" });
    await stack.up();
    assert.equal((await outputsOf(stack)).status, "done");
    assert.equal(runPosts(simulator, "my-app").length, 3);
  });

  for (const stage of ["create", "prepare", "data"]) {
    it(`destroy at stage ${stage}: aborted, destination gone, source restored`, async () => {
      stack = await rootProgramStack(simulator, { app: "my-app", stage });
      await stack.up();
      await stack.destroy();
      assert.equal(simulator.migrations("my-app").at(-1)?.status, "aborted");
      assert.equal(simulator.app("osc-secnum-fr1", "my-app"), undefined);
      assert.equal(simulator.app("osc-fr1", "my-app")?.status, "running");
      assert.equal(await storedMigration(stack), undefined);
    });
  }

  it("destroy after done calls no API", async () => {
    stack = await rootProgramStack(simulator, { app: "my-app", stage: "finalize" });
    await stack.up();
    simulator.clearRequests();
    await stack.destroy();
    assert.deepEqual(writes(simulator), []);
    assert.match(stack.output.join(""), /nothing to abort/);
  });
});
