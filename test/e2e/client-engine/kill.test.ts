import * as assert from "node:assert/strict";
import { comparableShape, counts, withoutManual } from "../../client-engine/shape";
import { assertNoToken, engineWorld, outputsOf, rootProgramStack, setConfig, storedMigration } from "../e2e-harness";
import { DESTINATION, killedUp, preparedShape, recordOf, SOURCE, sourceFlags } from "./support";

/**
 * `kill -9` of `pulumi up` at sub-steps of prepare and data, then the documented recovery
 * (`pulumi cancel`, `pulumi refresh --clear-pending-creates`, `pulumi up`): the same
 * destination as an uninterrupted run, nothing twice, and the source restorable.
 */
describe("real engine: kill -9 of the client engine's up, then the documented recovery", function () {
  this.timeout(240_000);
  const world = engineWorld({ rateLimitPerMinute: 0 });
  const creates = () => world.simulator.requests().filter((r) => r.method === "POST" && r.path === "/v1/apps" && r.region === DESTINATION);
  const restoreRuns = () => world.simulator.requests().filter((r) => r.method === "POST" && r.path === "/v1/apps/shop-app/run" && r.region === DESTINATION);

  it("during prepare, while the addons provision: the same prepared destination, one app, one addon of each", async () => {
    const sim = world.simulator;
    const source = sim.app(SOURCE, "shop-app")!;
    sim.setAsyncTimings({ addon: 3_000 });
    const stack = world.track(await rootProgramStack(sim, { app: "shop-app", stage: "prepare", engine: "client" }, { stackName: "crash" }));
    await killedUp(sim, stack, "crash", { app: "shop-app", stage: "prepare" }, () => (sim.app(DESTINATION, "shop-app")?.addons ?? []).some((a) => a.status === "provisioning"));
    sim.setAsyncTimings({ addon: 80 });
    await stack.up();
    assert.equal((await outputsOf(stack)).status, "prepared");
    const after = sim.app(DESTINATION, "shop-app")!;
    assert.deepEqual(comparableShape(after), preparedShape(source), "what an uninterrupted prepare builds");
    assert.deepEqual(counts(after), { domains: 2, addons: 2, env: 6, collaborators: 1, notifiers: 2, alerts: 1, logDrains: 2, autoscalers: 0, deployments: 1 });
    assert.equal(creates().length, 2, "one dry run, one create");
  });

  it("during prepare, while the code deploys: the build started before the kill is waited for, not started again", async () => {
    const sim = world.simulator;
    sim.setAsyncTimings({ deployment: 3_000 });
    const stack = world.track(await rootProgramStack(sim, { app: "shop-app", stage: "prepare", engine: "client" }, { stackName: "crash" }));
    await killedUp(sim, stack, "crash", { app: "shop-app", stage: "prepare" }, () => (sim.app(DESTINATION, "shop-app")?.deployments ?? []).some((d) => d.status === "building") && !!recordOf(stack)?.deploymentId);
    sim.setAsyncTimings({ deployment: 150 });
    await stack.up();
    assert.equal((await outputsOf(stack)).status, "prepared");
    const after = sim.app(DESTINATION, "shop-app")!;
    assert.equal(after.deployments.length, 1);
    assert.equal(creates().length, 2, "one dry run, one create");
    assert.deepEqual(counts(after), { domains: 2, addons: 2, env: 6, collaborators: 1, notifiers: 2, alerts: 1, logDrains: 2, autoscalers: 0, deployments: 1 });
    assert.equal((await storedMigration(stack))?.engine, "client");
  });

  it("during data, while a backup runs: one backup, equal digests, and destroy restores the source", async () => {
    const sim = world.simulator;
    const before = sourceFlags(sim.app(SOURCE, "shop-app")!);
    sim.setAsyncTimings({ backup: 3_000 });
    const stack = world.track(await rootProgramStack(sim, { app: "shop-app", stage: "data", engine: "client" }, { stackName: "crash" }));
    const backups = () => sim.app(SOURCE, "shop-app")!.addons.find((a) => a.provider_id === "postgresql")!.backups;
    await killedUp(sim, stack, "crash", { app: "shop-app", stage: "data" }, () => backups().some((b) => b.status !== "done") && Object.keys(recordOf(stack)?.backups ?? {}).length > 0);
    assert.deepEqual(sim.app(SOURCE, "shop-app")!.formation.map((f) => f.amount), [0, 0], "killed after the source stopped");
    sim.setAsyncTimings({ backup: 80 });
    await stack.up();
    assert.equal((await outputsOf(stack)).status, "data-migrated");
    assert.equal(backups().length, 1, "the backup taken before the kill was waited for, not taken again");
    assert.equal(sim.database(DESTINATION, "shop-app", "postgresql").digest, sim.database(SOURCE, "shop-app", "postgresql").digest);
    await stack.destroy();
    assert.deepEqual(sourceFlags(sim.app(SOURCE, "shop-app")!), before, "the recorded formation and the SCM flags are back");
    assert.equal(sim.app(DESTINATION, "shop-app"), undefined);
  });

  it("during data, while the restore one-off runs: one restore, equal digests, then finalize builds what an uninterrupted run does", async () => {
    const sim = world.simulator;
    const source = sim.app(SOURCE, "shop-app")!;
    sim.setAsyncTimings({ oneOff: 3_000 });
    const stack = world.track(await rootProgramStack(sim, { app: "shop-app", stage: "data", engine: "client" }, { stackName: "crash" }));
    await killedUp(sim, stack, "crash", { app: "shop-app", stage: "data" }, () => restoreRuns().length > 0 && Object.values(recordOf(stack)?.backups ?? {}).some((b) => !!b.restoreOneOff));
    sim.setAsyncTimings({ oneOff: 60 });
    await setConfig(stack, { stage: "finalize" });
    await stack.up();
    assert.equal((await outputsOf(stack)).status, "done");
    assert.equal(restoreRuns().length, 1, "the restore running at the kill was waited for, not started again beside it");
    assert.equal(sim.database(DESTINATION, "shop-app", "postgresql").digest, sim.database(SOURCE, "shop-app", "postgresql").digest);
    const after = sim.app(DESTINATION, "shop-app")!;
    assert.deepEqual(comparableShape(after), withoutManual(comparableShape(source), source));
    assert.equal(creates().length, 2, "one dry run, one create");
    assert.equal(after.deployments.length, 1);
    assert.equal(sim.app(SOURCE, "shop-app")!.addons.find((a) => a.provider_id === "postgresql")!.backups.length, 1);
    await assertNoToken(stack);
  });
});
