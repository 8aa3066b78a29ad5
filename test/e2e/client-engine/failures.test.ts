import * as assert from "node:assert/strict";
import { counts } from "../../client-engine/shape";
import { assertNoToken, engineWorld, outputsOf, rootProgramStack, setConfig, storedMigration } from "../e2e-harness";
import { DESTINATION, failedUp, SOURCE } from "./support";

/**
 * Failures of Scalingo's asynchronous jobs, through the engine: the text the person sees names
 * the object and the call, the partial state stays in the stack, and the next `up` resumes.
 * (The same failures against the engine alone: test/client-engine/failures.test.ts.)
 */
describe("real engine: the client engine's failures, as the person sees them", function () {
  this.timeout(240_000);
  const world = engineWorld({ rateLimitPerMinute: 0 });

  it("a failing addon provisioning: named, the new app kept in state, and the next up finishes prepare with one addon of each", async () => {
    const sim = world.simulator;
    sim.failAsync({ kind: "addon", app: "shop-app", region: DESTINATION, times: 1, message: "no capacity left" });
    const stack = world.track(await rootProgramStack(sim, { app: "shop-app", stage: "prepare", engine: "client" }));
    const seen = await failedUp(stack);
    assert.match(seen, /✘ Create addons on the 'osc-secnum-fr1' region: addon postgresql \(plan postgresql-business-512\) on osc-secnum-fr1: provisioning failed/, seen);
    const partial = (await storedMigration(stack))!;
    assert.equal(partial.status, "error");
    assert.equal(partial.newAppId, sim.app(DESTINATION, "shop-app")!.id, "the new app is in the partial state");
    await stack.up();
    assert.equal((await outputsOf(stack)).status, "prepared");
    const after = sim.app(DESTINATION, "shop-app")!;
    assert.deepEqual(after.addons.map((a) => `${a.provider_id} ${a.status}`).sort(), ["postgresql running", "redis running"]);
    assert.equal(counts(after).notifiers, 2);
    await assertNoToken(stack);
  });

  it("data: a failing backup, a failing restore, an expired backup URL, each named without the URL; then equal digests", async () => {
    const sim = world.simulator;
    const stack = world.track(await rootProgramStack(sim, { app: "shop-app", stage: "prepare", engine: "client" }));
    await stack.up();
    await setConfig(stack, { stage: "data" });
    const backups = () => sim.app(SOURCE, "shop-app")!.addons.find((a) => a.provider_id === "postgresql")!.backups;
    const restores = () => sim.requests().filter((r) => r.method === "POST" && r.path === "/v1/apps/shop-app/run" && r.region === DESTINATION);

    sim.failAsync({ kind: "backup", app: "shop-app", times: 1, message: "disk full" });
    let seen = await failedUp(stack);
    assert.match(seen, /✘ Backup PostgreSQL data: backup of addon postgresql \(plan postgresql-business-512\) on osc-fr1 \(backup [^)]+\): the backup failed on Scalingo: run `pulumi up` again/, seen);
    assert.equal((await storedMigration(stack))!.status, "error");
    assert.deepEqual(sim.app(SOURCE, "shop-app")!.formation.map((f) => f.amount), [0, 0], "the source stays stopped: its formation is recorded");

    sim.failAsync({ kind: "restore", app: "shop-app", times: 1, message: "could not connect to the server" });
    seen = await failedUp(stack);
    assert.match(seen, /✘ Import PostgreSQL data: import into addon postgresql \(plan postgresql-business-512\) on osc-secnum-fr1: the restore one-off \S+ failed \(exit 1\): .*could not connect to the server/, seen);

    sim.setAsyncTimings({ urlTtl: 1 });
    seen = await failedUp(stack);
    assert.match(seen, /the restore one-off \S+ failed \(exit 22\): curl: \(22\) The requested URL returned error: 403/, seen);
    for (const text of [seen, stack.output.join("")]) assert.ok(!/_storage|signature=|X-Amz/i.test(text), "a backup URL in what the person sees");

    sim.setAsyncTimings({ urlTtl: 600_000 });
    await stack.up();
    assert.equal((await outputsOf(stack)).status, "data-migrated");
    assert.equal(sim.database(DESTINATION, "shop-app", "postgresql").digest, sim.database(SOURCE, "shop-app", "postgresql").digest);
    assert.deepEqual(backups().map((b) => b.status), ["error", "done"], "a new backup after the failed one, then reused");
    assert.equal(restores().length, 3, "one restore one-off per attempt after the backup: failed, expired, done");
    await assertNoToken(stack);
  });
});
