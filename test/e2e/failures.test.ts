import * as assert from "node:assert/strict";
import type { Simulator } from "../../simulator";
import { abortDirectly, createDirectly } from "../support/direct-api";
import { requireEngine, type TestStack } from "../support/pulumi-engine";
import { simulatorWithEnv } from "../support/simulator-env";
import { assertNoToken, createPosts, outputsOf, rootProgramStack, setConfig, storedMigration, writes } from "./e2e-harness";

const BLOCKERS: [app: string, check: RegExp][] = [
  ["influx-app", /✘ Check addons compatibility/],
  ["old-pg-app", /✘ Check addon versions: The addon PostgreSQL is using a version that is not supported/],
  ["expired-cert-app", /✘ Check certificate validity/],
  ["taken-name-app", /✘ Check if the name taken-name-app is available on osc-secnum-fr1/],
];

describe("real engine: failures, drift and adoption", function () {
  this.timeout(180_000);
  let simulator: Simulator;
  let stack: TestStack | undefined;

  before(function () {
    requireEngine(this);
  });
  beforeEach(async () => {
    simulator = await simulatorWithEnv({ rateLimitPerMinute: 0 });
  });
  afterEach(async () => {
    stack?.remove();
    stack = undefined;
    await simulator.close();
  });

  for (const [app, check] of BLOCKERS) {
    it(`${app}: up fails with the check's logs, state keeps the migration, destroy works`, async () => {
      stack = await rootProgramStack(simulator, { app, stage: "prepare" });
      await assert.rejects(stack.up(), (e: Error) => {
        assert.match(e.message, check);
        assert.match(e.message, /nothing to abort/);
        return true;
      });
      const stored = await storedMigration(stack);
      assert.equal(stored?.status, "preflight-error");
      assert.equal(stored?.migrationId, simulator.migrations(app).at(-1)?.id);
      simulator.clearRequests();
      await stack.destroy();
      assert.deepEqual(writes(simulator), [], "nothing to abort after preflight-error");
      assert.equal(await storedMigration(stack), undefined);
    });
  }

  for (const [stage, subStep] of [
    ["prepare", "Import environment variables"],
    ["data", "Import"],
    ["finalize", "Start the new app"],
  ] as const) {
    it(`a failing sub-step in ${stage}: partial state, the next up waits for an abort, destroy aborts`, async () => {
      simulator.failSubStep({ app: "my-app", step: subStep, during: stage, logs: `boom in ${stage}` });
      stack = await rootProgramStack(simulator, { app: "my-app", stage: "finalize" });
      await assert.rejects(stack.up(), new RegExp(`✘ ${subStep}.*boom in ${stage}`));
      const stored = await storedMigration(stack);
      assert.equal(stored?.status, "error");

      await assert.rejects(stack.up(), /waits for an abort: run `pulumi destroy`/);
      assert.equal(createPosts(simulator, "my-app").length, 1, "no second migration");

      await stack.destroy();
      assert.equal(simulator.migrations("my-app").at(-1)?.status, "aborted");
      assert.equal(simulator.app("osc-secnum-fr1", "my-app"), undefined);
      assert.equal(simulator.app("osc-fr1", "my-app")?.status, "running");
      await assertNoToken(stack);
    });
  }

  it("refresh shows an abort made behind Pulumi's back; the next up starts a new migration", async () => {
    stack = await rootProgramStack(simulator, { app: "my-app", stage: "prepare" });
    await stack.up();
    const first = (await outputsOf(stack)).migrationId as string;
    await abortDirectly(simulator, "my-app", first);
    await stack.refresh();
    assert.equal((await storedMigration(stack))?.status, "aborted");
    await stack.up();
    const outputs = await outputsOf(stack);
    assert.notEqual(outputs.migrationId, first);
    assert.equal(outputs.status, "prepared");
    assert.equal(createPosts(simulator, "my-app").length, 2);
  });

  it("adopts, through migrationId, a migration created directly on the API", async () => {
    const created = await createDirectly(simulator, "my-app");
    stack = await rootProgramStack(simulator, { app: "my-app", stage: "prepare", migrationId: created.id });
    await stack.up();
    const outputs = await outputsOf(stack);
    assert.equal(outputs.migrationId, created.id);
    assert.equal(outputs.status, "prepared");
    assert.equal(createPosts(simulator, "my-app").length, 1, "only the direct create");
    await setConfig(stack, { stage: "finalize" });
    await stack.up();
    assert.equal((await outputsOf(stack)).status, "done");
  });
});
