import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { codeArchive } from "../../simulator/support/public-api";
import { assertNoToken, engineWorld, outputsOf, rootProgramStack, setConfig, storedMigration } from "../e2e-harness";
import { DESTINATION, failedUp, SOURCE, sourceFlags, writes } from "./support";

/**
 * `pulumi destroy` before done, at each stage: the destination this migration created is
 * deleted, and the source is as it was (formation, SCM flags), checked in the admin view.
 */
describe("real engine: the client engine's abort at each stage", function () {
  this.timeout(240_000);
  const world = engineWorld({ rateLimitPerMinute: 0 });

  it("at create (git-push-app): nothing was written, nothing is, and the source is untouched", async () => {
    const sim = world.simulator;
    const before = sourceFlags(sim.app(SOURCE, "git-push-app")!);
    const stack = world.track(await rootProgramStack(sim, { app: "git-push-app", stage: "create", engine: "client" }));
    await stack.up();
    assert.equal((await outputsOf(stack)).status, "preflight-success");
    await stack.destroy();
    assert.deepEqual(writes(sim), ["POST /v1/apps"], "only the name check's dry run");
    assert.equal(sim.app(DESTINATION, "git-push-app"), undefined);
    assert.deepEqual(sourceFlags(sim.app(SOURCE, "git-push-app")!), before);
  });

  it("at prepare (shop-app): the destination deleted, the source's auto-deploy and review apps back", async () => {
    const sim = world.simulator;
    const before = sourceFlags(sim.app(SOURCE, "shop-app")!);
    const stack = world.track(await rootProgramStack(sim, { app: "shop-app", stage: "prepare", engine: "client" }));
    await stack.up();
    assert.equal((await outputsOf(stack)).status, "prepared");
    assert.equal(sim.app(SOURCE, "shop-app")!.scm?.auto_deploy_enabled, false, "frozen");
    await stack.destroy();
    assert.equal(sim.app(DESTINATION, "shop-app"), undefined);
    assert.deepEqual(sourceFlags(sim.app(SOURCE, "shop-app")!), before);
  });

  it("at data (mysql-app): the source started again on its recorded formation", async () => {
    const sim = world.simulator;
    const before = sourceFlags(sim.app(SOURCE, "mysql-app")!);
    const archive = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "mysql-app-code-")), "code.tar.gz");
    fs.writeFileSync(archive, codeArchive("web: npm start\n"));
    const stack = world.track(await rootProgramStack(sim, { app: "mysql-app", stage: "data", engine: "client", sourceArchive: archive }));
    await stack.up();
    assert.equal((await outputsOf(stack)).status, "data-migrated");
    assert.deepEqual(sim.app(SOURCE, "mysql-app")!.formation.map((f) => f.amount), [0], "stopped by the data step");
    await stack.destroy();
    assert.equal(sim.app(DESTINATION, "mysql-app"), undefined);
    assert.deepEqual(sourceFlags(sim.app(SOURCE, "mysql-app")!), before);
  });

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
