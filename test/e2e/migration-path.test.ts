import * as assert from "node:assert/strict";
import { engineWorld, assertNoToken, createPosts, outputsOf, rootProgramStack, runPosts, setConfig, storedMigration } from "./e2e-harness";
import type { Simulator } from "../../simulator";
import { writesIn } from "../support/simulator-env";

describe("real engine: the migration path", function () {
  this.timeout(180_000);
  const world = engineWorld({ rateLimitPerMinute: 600, captureRequests: true });

  it("one up per stage, each previewed first without any write", async () => {
    const stack = world.track(await rootProgramStack(world.simulator, { app: "my-app" }));
    const expected = { create: "preflight-success", prepare: "prepared", data: "data-migrated", finalize: "done" } as const;
    // The request log is cleared before each stage: each up's writes are counted on their own.
    const writesPerStage: Record<string, { creates: number; runs: string[] }> = {};
    for (const [stage, status] of Object.entries(expected)) {
      await setConfig(stack, { stage });
      world.simulator.clearRequests();
      stack.output.length = 0;
      await stack.preview();
      assert.deepEqual(writesIn(world.simulator), [], `preview of ${stage} wrote to Scalingo`);
      const planStep = stage === "create" ? "create" : stage;
      if (process.env.DEBUG_E2E) console.log(stack.output.join(""));
      assert.match(stack.output.join(""), new RegExp(`plan: ${planStep}: the following operations will be achieved`), `preview of ${stage} printed no plan`);

      await stack.up();
      writesPerStage[stage] = { creates: createPosts(world.simulator, "my-app").length, runs: runSteps(world.simulator) };
      const outputs = await outputsOf(stack);
      assert.equal(outputs.status, status);
      assert.equal(outputs.reachedStage, stage);
    }
    const outputs = await outputsOf(stack);
    assert.equal(outputs.newAppUrl, "https://my-app.osc-secnum-fr1.scalingo.io");
    assert.match(String(outputs.gitUrl), /my-app\.git$/);
    assert.deepEqual(outputs.dnsChanges, [{ domain: "my-app.example.com", type: "CNAME", target: "my-app.osc-secnum-fr1.scalingo.io" }]);
    assert.equal(world.simulator.app("osc-secnum-fr1", "my-app")?.status, "running");
    assert.deepEqual(writesPerStage, {
      create: { creates: 1, runs: ["preflight"] },
      prepare: { creates: 0, runs: ["prepare"] },
      data: { creates: 0, runs: ["data"] },
      finalize: { creates: 0, runs: ["finalize"] },
    });
    await assertNoToken(stack);
  });

  it("progress lines reach the CLI output", async () => {
    const stack = world.track(await rootProgramStack(world.simulator, { app: "my-app", stage: "prepare" }));
    await stack.up();
    const output = stack.output.join("");
    assert.match(output, /✔ Check addon versions/);
    assert.match(output, /✔ Import environment variables/);
  });

  it("goes from nothing to finalize in one up", async () => {
    const stack = world.track(await rootProgramStack(world.simulator, { app: "my-app", stage: "finalize" }));
    await stack.up();
    assert.equal((await outputsOf(stack)).status, "done");
    assert.equal(createPosts(world.simulator, "my-app").length, 1);
    assert.equal(runPosts(world.simulator, "my-app").length, 4);
  });

  it("skips data with migrateData false", async () => {
    const stack = world.track(await rootProgramStack(world.simulator, { app: "my-app", stage: "finalize", migrateData: "false" }));
    await stack.up();
    assert.equal((await outputsOf(stack)).status, "done");
    assert.equal(runPosts(world.simulator, "my-app").length, 3);
  });

  for (const stage of ["create", "prepare", "data"]) {
    it(`destroy at stage ${stage}: aborted, destination gone, source restored`, async () => {
      const stack = world.track(await rootProgramStack(world.simulator, { app: "my-app", stage }));
      await stack.up();
      await stack.destroy();
      assert.equal(world.simulator.migrations("my-app").at(-1)?.status, "aborted");
      assert.equal(world.simulator.app("osc-secnum-fr1", "my-app"), undefined);
      assert.equal(world.simulator.app("osc-fr1", "my-app")?.status, "running");
      assert.equal(await storedMigration(stack), undefined);
    });
  }

  it("destroy after done calls no API", async () => {
    const stack = world.track(await rootProgramStack(world.simulator, { app: "my-app", stage: "finalize" }));
    await stack.up();
    world.simulator.clearRequests();
    await stack.destroy();
    assert.deepEqual(writesIn(world.simulator), []);
    assert.match(stack.output.join(""), /nothing to abort/);
  });
  it("a new destination name replaces the migration: the old one is aborted first", async () => {
    const stack = world.track(await rootProgramStack(world.simulator, { app: "my-app", stage: "prepare" }));
    await stack.up();
    const first = (await outputsOf(stack)).migrationId;
    await setConfig(stack, { newName: "my-app-secnum" });
    await stack.up();
    const outputs = await outputsOf(stack);
    assert.notEqual(outputs.migrationId, first);
    assert.equal(outputs.status, "prepared");
    assert.equal(world.simulator.migrations("my-app").find((m) => m.id === first)?.status, "aborted");
    assert.equal(world.simulator.app("osc-secnum-fr1", "my-app"), undefined, "the old destination app is gone");
    assert.ok(world.simulator.app("osc-secnum-fr1", "my-app-secnum"));
  });

  it("refuses to change a done migration's destination, saying why", async () => {
    const stack = world.track(await rootProgramStack(world.simulator, { app: "my-app", stage: "finalize" }));
    await stack.up();
    await setConfig(stack, { newName: "my-app-secnum" });
    await assert.rejects(stack.preview(), /newName cannot change: this migration is done/);
  });
});

/** The steps run, in order, as the simulator's capture shows the run POSTs' bodies. */
function runSteps(simulator: Simulator): string[] {
  return simulator
    .capturedRequests()
    .filter((r) => r.method === "POST" && r.url.includes("/apps/my-app/region_migrations/") && r.url.endsWith("/run"))
    .map((r) => String((JSON.parse(r.body) as { step?: unknown }).step));
}
