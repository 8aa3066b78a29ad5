import * as assert from "node:assert/strict";
import { assertNoToken, engineWorld, rootProgramStack, setConfig, storedMigration } from "../e2e-harness";
import { DESTINATION, failedUp, SOURCE, sourceFlags } from "./support";

/**
 * `pulumi destroy` before done where it is hardest: after a failed finalize, and after a create
 * whose answer was lost. The destination this migration created is deleted, and the source is
 * as it was (formation, SCM flags), checked in the admin view. Abort at create, prepare and data
 * for every fixture app: every-app.test.ts.
 */
describe("real engine: the client engine's abort after a failure", function () {
  this.timeout(240_000);
  const world = engineWorld({ rateLimitPerMinute: 0 });

  it("at finalize, after it failed (shop-app): the error names the call, state is kept, and destroy restores the source", async () => {
    const sim = world.simulator;
    const before = sourceFlags(sim.app(SOURCE, "shop-app")!);
    const stack = world.track(await rootProgramStack(sim, { app: "shop-app", stage: "data", engine: "client" }));
    await stack.up();
    sim.setFaults([{ method: "POST", path: "/v1/apps/shop-app/scale", region: DESTINATION, status: 422, body: { errors: { containers: ["quota exceeded"] } }, count: 1 }]);
    await setConfig(stack, { stage: "finalize" });
    const seen = await failedUp(stack);
    assert.match(seen, /formation of shop-app on osc-secnum-fr1: POST \/v1\/apps\/:app\/scale[^:]*failed: .*422/, seen);
    const partial = (await storedMigration(stack))!;
    assert.equal(partial.status, "error");
    assert.equal(partial.reachedStage, "data", "the data step stays done");
    await stack.destroy();
    assert.equal(sim.app(DESTINATION, "shop-app"), undefined);
    assert.deepEqual(sourceFlags(sim.app(SOURCE, "shop-app")!), before);
    await assertNoToken(stack);
  });

  it("after a create whose answer was lost: destroy deletes the app the migration had asked for", async () => {
    const sim = world.simulator;
    const before = sourceFlags(sim.app(SOURCE, "shop-app")!);
    const stack = world.track(await rootProgramStack(sim, { app: "shop-app", stage: "create", engine: "client" }));
    await stack.up();
    // Scalingo creates the app; its answer never arrives (what a kill -9 right after the send leaves).
    sim.setFaults([{ method: "POST", path: "/v1/apps", region: DESTINATION, drop: "after", count: 1 }]);
    await setConfig(stack, { stage: "prepare" });
    const seen = await failedUp(stack);
    assert.match(seen, /Create the new app named shop-app in the region osc-secnum-fr1 .*app shop-app on osc-secnum-fr1: POST \/v1\/apps failed/, seen);
    assert.ok(sim.app(DESTINATION, "shop-app"), "the app exists on Scalingo");
    assert.equal((await storedMigration(stack))!.newAppId, null, "its id never reached the state");
    await stack.destroy();
    assert.equal(sim.app(DESTINATION, "shop-app"), undefined, "deleted by name from the recorded intent");
    assert.deepEqual(sourceFlags(sim.app(SOURCE, "shop-app")!), before);
  });
});
