import * as assert from "node:assert/strict";
import { abortDirectly, createDirectly } from "../support/direct-api";
import { engineWorld, assertNoToken, createPosts, outputsOf, rootProgramStack, setConfig, storedMigration } from "./e2e-harness";
import { writesIn } from "../support/simulator-env";

const BLOCKERS: [app: string, check: RegExp][] = [
  ["influx-app", /✘ Check addons compatibility/],
  ["old-pg-app", /✘ Check addon versions: The addon PostgreSQL is using a version that is not supported/],
  ["expired-cert-app", /✘ Check certificate validity/],
  ["taken-name-app", /✘ Check if the name taken-name-app is available on osc-secnum-fr1/],
];

describe("real engine: failures, drift and adoption", function () {
  this.timeout(180_000);
  const world = engineWorld({ rateLimitPerMinute: 0 });

  for (const [app, check] of BLOCKERS) {
    it(`${app}: up fails with the check's logs, state keeps the migration, destroy works`, async () => {
      const stack = world.track(await rootProgramStack(world.simulator, { app, stage: "prepare" }));
      const refused = await stack.up().then(
        () => assert.fail(`up succeeded; what the engine printed:\n${stack.output.join("")}`),
        (e: Error) => e,
      );
      assert.match(refused.message, check);
      assert.match(refused.message, /nothing to abort/);
      const stored = await storedMigration(stack);
      assert.equal(stored?.status, "preflight-error");
      assert.equal(stored?.migrationId, world.simulator.migrations(app).at(-1)?.id);
      world.simulator.clearRequests();
      await stack.destroy();
      assert.deepEqual(writesIn(world.simulator), [], "nothing to abort after preflight-error");
      assert.equal(await storedMigration(stack), undefined);
    });
  }

  for (const [stage, subStep] of [
    ["prepare", "Import environment variables"],
    ["data", "Import"],
    ["finalize", "Start the new app"],
  ] as const) {
    it(`a failing sub-step in ${stage}: partial state, the next up waits for an abort, destroy aborts`, async () => {
      world.simulator.failSubStep({ app: "my-app", step: subStep, during: stage, logs: `boom in ${stage}` });
      const stack = world.track(await rootProgramStack(world.simulator, { app: "my-app", stage: "finalize" }));
      await assert.rejects(stack.up(), new RegExp(`✘ ${subStep}.*boom in ${stage}`));
      const stored = await storedMigration(stack);
      assert.equal(stored?.status, "error");

      await assert.rejects(stack.up(), /waits for an abort: run `pulumi destroy`/);
      assert.equal(createPosts(world.simulator, "my-app").length, 1, "no second migration");

      await stack.destroy();
      assert.equal(world.simulator.migrations("my-app").at(-1)?.status, "aborted");
      assert.equal(world.simulator.app("osc-secnum-fr1", "my-app"), undefined);
      assert.equal(world.simulator.app("osc-fr1", "my-app")?.status, "running");
      await assertNoToken(stack);
    });
  }

  it("refresh shows an abort made behind Pulumi's back; the next up starts a new migration", async () => {
    const stack = world.track(await rootProgramStack(world.simulator, { app: "my-app", stage: "prepare" }));
    await stack.up();
    const first = (await outputsOf(stack)).migrationId as string;
    await abortDirectly(world.simulator, "my-app", first);
    await stack.refresh();
    assert.equal((await storedMigration(stack))?.status, "aborted");
    await stack.up();
    const outputs = await outputsOf(stack);
    assert.notEqual(outputs.migrationId, first);
    assert.equal(outputs.status, "prepared");
    assert.equal(createPosts(world.simulator, "my-app").length, 2);
  });

  it("adopts, through migrationId, a migration created directly on the API", async () => {
    const created = await createDirectly(world.simulator, "my-app");
    const stack = world.track(await rootProgramStack(world.simulator, { app: "my-app", stage: "prepare", migrationId: created.id }));
    await stack.up();
    const outputs = await outputsOf(stack);
    assert.equal(outputs.migrationId, created.id);
    assert.equal(outputs.status, "prepared");
    assert.equal(createPosts(world.simulator, "my-app").length, 1, "only the direct create");
    await setConfig(stack, { stage: "finalize" });
    await stack.up();
    assert.equal((await outputsOf(stack)).status, "done");
  });
});
