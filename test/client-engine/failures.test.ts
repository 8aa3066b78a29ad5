import * as assert from "node:assert/strict";
import { DESTINATION, deployedApp, SOURCE } from "../client/support/public-world";
import { clientEngineWorld, failure, specFor } from "./support";

describe("client engine: failures name the object and the call, abort restores the source", function () {
  this.timeout(60_000);
  const w = clientEngineWorld();
  const OWNER = "proj/dev/shop-app";

  it("names a failing addon provisioning, keeps partial state, and resumes once it works", async () => {
    w.world.sim.failAsync({ kind: "addon", app: "shop-app", region: DESTINATION, times: 1, message: "no capacity" });
    const error = await failure(w.engine().advance(specFor("shop-app", "prepare"), { reachedStage: null }));
    assert.match(error.message, /addon postgresql \(plan postgresql-business-512\) on osc-secnum-fr1: provisioning failed/);
    assert.equal(error.snapshot?.status, "error");
    assert.ok(error.snapshot?.destination.appId, "the destination app is kept in the partial state");
    const resumed = await w.engine().advance(specFor("shop-app", "prepare"), { migrationId: error.snapshot!.id, reachedStage: "create" });
    assert.equal(resumed.status, "prepared");
    assert.deepEqual(w.world.sim.app(DESTINATION, "shop-app")!.addons.map((a) => `${a.provider_id} ${a.status}`).sort(), ["postgresql running", "redis running"]);
  });

  it("names a failing restore with the tool's line, and never the backup URL", async () => {
    await w.engine().advance(specFor("shop-app", "prepare"), { reachedStage: null });
    w.world.sim.failAsync({ kind: "restore", app: "shop-app", times: 1, message: "could not connect to the server" });
    const error = await failure(w.engine().advance(specFor("shop-app", "data"), { reachedStage: "prepare" }));
    assert.match(error.message, /import into addon postgresql \(plan postgresql-business-512\) on osc-secnum-fr1: the restore one-off .* failed \(exit 1\): .*could not connect to the server/);
    assert.ok(!/_storage|https?:\/\/127/.test(error.message), error.message);
    const resumed = await w.engine().advance(specFor("shop-app", "data"), { reachedStage: "prepare" });
    assert.equal(resumed.status, "data-migrated");
    assert.equal(w.world.sim.database(DESTINATION, "shop-app", "postgresql").digest, w.world.sim.database(SOURCE, "shop-app", "postgresql").digest);
    assert.equal(w.world.sim.app(SOURCE, "shop-app")!.addons.find((a) => a.provider_id === "postgresql")!.backups.length, 1, "the resumed step reused its backup");
  });

  it("a restore cut off after its one-off started (as by kill -9) is waited for on resume, not started a second time", async () => {
    await w.engine().advance(specFor("shop-app", "prepare"), { reachedStage: null });
    w.world.sim.setAsyncTimings({ oneOff: 600 });
    // The first read of the logs after the one-off starts fails, and so does its one retry with
    // a fresh log URL: the step stops there, the one-off runs on.
    w.world.sim.setFaults([{ method: "GET", path: "/v1/apps/shop-app/logs", region: DESTINATION, status: 403, count: 2 }]);
    await failure(w.engine().advance(specFor("shop-app", "data"), { reachedStage: "prepare" }));
    w.world.sim.clearFaults();
    const resumed = await w.engine().advance(specFor("shop-app", "data"), { reachedStage: "prepare" });
    assert.equal(resumed.status, "data-migrated");
    const runs = w.world.sim.requests().filter((r) => r.method === "POST" && r.path === "/v1/apps/shop-app/run" && r.region === DESTINATION);
    assert.equal(runs.length, 1, "one restore one-off");
    assert.equal(w.world.sim.database(DESTINATION, "shop-app", "postgresql").digest, w.world.sim.database(SOURCE, "shop-app", "postgresql").digest);
  });

  it("names an expired backup URL (curl's 403) without printing it", async () => {
    await w.engine().advance(specFor("shop-app", "prepare"), { reachedStage: null });
    w.world.sim.setAsyncTimings({ urlTtl: 1, oneOff: 50 });
    const error = await failure(w.engine().advance(specFor("shop-app", "data"), { reachedStage: "prepare" }));
    assert.match(error.message, /import into addon postgresql .*: the restore one-off .* failed \(exit 22\): curl: \(22\) The requested URL returned error: 403/);
    assert.ok(!/_storage|X-Amz|signature=/i.test(error.message), error.message);
  });

  it("abort after data: deletes the destination, scales the source back, turns auto-deploy back on", async () => {
    const before = w.world.sim.app(SOURCE, "shop-app")!;
    assert.equal(before.scm?.auto_deploy_enabled, true);
    const snapshot = await w.engine().advance(specFor("shop-app", "data"), { reachedStage: null });
    assert.deepEqual(w.world.sim.app(SOURCE, "shop-app")!.formation.map((f) => f.amount), [0, 0]);
    await w.engine().abort(specFor("shop-app", "data"), { migrationId: snapshot.id, status: snapshot.status });
    const after = w.world.sim.app(SOURCE, "shop-app")!;
    assert.deepEqual(after.formation.map((f) => [f.name, f.amount, f.size]), before.formation.map((f) => [f.name, f.amount, f.size]));
    assert.equal(after.scm?.auto_deploy_enabled, true);
    assert.equal(w.world.sim.app(DESTINATION, "shop-app"), undefined);
    assert.equal(w.records.read(OWNER, "shop-app", SOURCE)?.status, "aborted");
    // A second destroy (after a crash mid-abort, say) has nothing left to do and does nothing.
    w.world.sim.clearRequests();
    await w.engine().abort(specFor("shop-app", "data"), { migrationId: snapshot.id, status: "aborted" });
    assert.deepEqual(w.world.sim.requests(), []);
  });

  it("after done, destroy makes no call and the source stays", async () => {
    const snapshot = await w.engine().advance(specFor("shop-app", "finalize"), { reachedStage: null });
    w.world.sim.clearRequests();
    await w.engine().abort(specFor("shop-app", "finalize"), { migrationId: snapshot.id, status: "done" });
    assert.deepEqual(w.world.sim.requests(), []);
    assert.ok(w.world.sim.app(SOURCE, "shop-app"));
    assert.ok(w.world.sim.app(DESTINATION, "shop-app"));
  });

  it("a git-push app without code: gitUrl and a blocking manual action; finalize refused until a deployment succeeded", async () => {
    const spec = specFor("git-push-app", "finalize", { owner: "proj/dev/git-push-app" });
    const error = await failure(w.engine().advance(spec, { reachedStage: null }));
    assert.match(error.message, /app git-push-app on osc-secnum-fr1: no deployment has succeeded yet: push your code to git@/);
    assert.equal(error.snapshot?.reachedStage, "prepare", "the data step refuses too: its restore runs in the new app's image");
    assert.ok(error.snapshot?.destination.gitUrl);
    assert.ok(error.snapshot?.manualActions?.some((a) => a.id === "code:git-push" && a.blocking));
    // The person pushes (here: a deployment through the API, as a push would make one).
    await deployedApp(w.world.dst, "git-push-app", "web: bundle exec puma\nclock: bundle exec clockwork clock.rb", { create: false });
    const done = await w.engine().advance(spec, { migrationId: error.snapshot!.id, reachedStage: "prepare" });
    assert.equal(done.status, "done");
    assert.ok(!done.manualActions?.some((a) => a.id === "code:git-push"));
    assert.deepEqual(w.world.sim.app(DESTINATION, "git-push-app")!.formation.map((f) => [f.name, f.amount]).sort(), [["clock", 1], ["web", 1]]);
  });

  it("moves mysql-app's database (the MySQL recipe) with equal digests", async () => {
    const spec = specFor("mysql-app", "data", { owner: "proj/dev/mysql-app", sourceArchive: "" });
    const error = await failure(w.engine().advance(spec, { reachedStage: null }));
    // mysql-app is a git-push app: without code, the restore one-off cannot run (never deployed).
    assert.match(error.message, /app mysql-app on osc-secnum-fr1: no deployment has succeeded yet/);
    assert.deepEqual(w.world.sim.app(SOURCE, "mysql-app")!.formation.map((f) => f.amount > 0), [true], "refused before the source stops");
    await deployedApp(w.world.dst, "mysql-app", undefined, { create: false });
    const data = await w.engine().advance(spec, { migrationId: error.snapshot!.id, reachedStage: "prepare" });
    assert.equal(data.status, "data-migrated");
    assert.equal(w.world.sim.database(DESTINATION, "mysql-app", "mysql").digest, w.world.sim.database(SOURCE, "mysql-app", "mysql").digest);
  });
});
