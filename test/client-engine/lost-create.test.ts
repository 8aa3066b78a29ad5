import * as assert from "node:assert/strict";
import { DESTINATION, SOURCE } from "../client/support/public-world";
import { clientEngineWorld, failure, specFor } from "./support";

/** The destination create done by Scalingo, its answer lost (as if `pulumi up` were killed right after sending it). */
const LOST_CREATE = { method: "POST", path: "/v1/apps", region: DESTINATION, drop: "after" as const, count: 1 };

describe("client engine: a destination app whose create answer was lost", function () {
  this.timeout(60_000);
  const w = clientEngineWorld();

  it("abort deletes it (the intent to create was recorded before the create) and restores the source", async () => {
    const created = await w.engine().advance(specFor("shop-app", "create"), { reachedStage: null });
    w.world.sim.setFaults([LOST_CREATE]);
    const error = await failure(w.engine().advance(specFor("shop-app", "prepare"), { migrationId: created.id, reachedStage: "create" }));
    assert.ok(w.world.sim.app(DESTINATION, "shop-app"), "Scalingo created the app");
    assert.equal(error.snapshot?.destination.appId ?? null, null, "its id never reached the record");
    await w.engine().abort(specFor("shop-app", "prepare"), { migrationId: created.id, status: "error" });
    assert.equal(w.world.sim.app(DESTINATION, "shop-app"), undefined, "abort deleted the app it had asked for");
    const intent = w.records.read("proj/dev/shop-app", "shop-app", SOURCE)?.destination.createIntent;
    assert.deepEqual(intent && { name: intent.name, region: intent.region }, { name: "shop-app", region: DESTINATION }, "the intent is in the durable record");
    assert.equal(w.world.sim.app(SOURCE, "shop-app")!.scm?.auto_deploy_enabled, true);
  });

  it("a resumed prepare adopts it once (no second create), and abort then deletes it by id", async () => {
    const created = await w.engine().advance(specFor("shop-app", "create"), { reachedStage: null });
    w.world.sim.setFaults([LOST_CREATE]);
    await failure(w.engine().advance(specFor("shop-app", "prepare"), { migrationId: created.id, reachedStage: "create" }));
    const id = w.world.sim.app(DESTINATION, "shop-app")!.id;
    w.world.sim.clearRequests();
    const prepared = await w.engine().advance(specFor("shop-app", "prepare"), { migrationId: created.id, reachedStage: "create" });
    assert.equal(prepared.status, "prepared");
    assert.equal(prepared.destination.appId, id);
    assert.deepEqual(w.world.sim.requests().filter((r) => r.method === "POST" && r.path === "/v1/apps"), [], "adopted, not created again");
    await w.engine().abort(specFor("shop-app", "prepare"), { migrationId: created.id, status: "prepared" });
    assert.equal(w.world.sim.app(DESTINATION, "shop-app"), undefined);
  });

  it("never adopts nor deletes an app of that name it did not ask for", async () => {
    const created = await w.engine().advance(specFor("shop-app", "create"), { reachedStage: null });
    // Between create (preflight: the name was free) and prepare, someone on the account takes the name.
    await w.world.dst.apps.create({ name: "shop-app" });
    const error = await failure(w.engine().advance(specFor("shop-app", "prepare"), { migrationId: created.id, reachedStage: "create" }));
    assert.match(error.message, /app shop-app on osc-secnum-fr1: an app of that name exists \(id [^)]+\) that this migration did not create/);
    await w.engine().abort(specFor("shop-app", "prepare"), { migrationId: created.id, status: "error" });
    assert.ok(w.world.sim.app(DESTINATION, "shop-app"), "the other app is still there");
  });
});
