import * as assert from "node:assert/strict";
import { MigrationError } from "../../provider/migration/errors";
import { DESTINATION, SOURCE } from "../client/support/public-world";
import { clientEngineWorld, specFor } from "./support";

/** shop-app's PostgreSQL runs 14.11.0 on the source; mysql-app's MySQL 8.0.36. */
describe("client engine: database versions against the destination's defaults (preflight)", function () {
  this.timeout(60_000);
  const w = clientEngineWorld();

  it("a source newer than the destination's default is a blocker, with no write anywhere", async () => {
    // The admin view's setting, over HTTP as a script would set it.
    const answer = await fetch(`${w.world.sim.authUrl}/_simulator/regions/${DESTINATION}/default-addon-versions`, { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify({ postgresql: "13.9.0" }) });
    assert.equal(answer.status, 200);
    w.world.sim.clearRequests();
    let failed: MigrationError | undefined;
    try {
      await w.engine().advance(specFor("shop-app", "prepare"), { reachedStage: null });
    } catch (error) {
      failed = error as MigrationError;
    }
    assert.ok(failed instanceof MigrationError, "preflight refused the migration");
    assert.equal(failed.snapshot?.status, "preflight-error");
    const line = failed.snapshot!.steps.find((s) => s.name === "Check addons and database versions")!;
    assert.equal(line.status, "error");
    assert.match(line.logs ?? "", /PostgreSQL 14\.11\.0 would need a downgrade: osc-secnum-fr1 provisions 13\.9\.0 \(its default\)/);
    assert.ok(failed.snapshot!.manualActions!.some((a) => a.id === "db-version:postgresql" && a.blocking), "a blocking manual action says what to do");
    assert.deepEqual(w.world.sim.requests().filter((r) => r.method !== "GET" && !/tokens\/exchange|\/token$/.test(r.path) && r.path !== "/v1/apps"), [], "no write (the name check is a dry run)");
    assert.equal(w.world.sim.app(DESTINATION, "shop-app"), undefined);
  });

  it("an older source is a warning, and the destination database gets the default the warning named", async () => {
    w.world.sim.setDefaultAddonVersion(DESTINATION, "postgresql", "15.10.0");
    const snapshot = await w.engine().advance(specFor("shop-app", "prepare"), { reachedStage: null });
    assert.equal(snapshot.status, "prepared");
    const warning = snapshot.manualActions!.find((a) => a.id === "db-version:postgresql")!;
    assert.equal(warning.blocking, false);
    assert.match(warning.why, /the source runs 14\.11\.0; a new database on osc-secnum-fr1 gets 15\.10\.0/);
    assert.equal(w.world.sim.app(DESTINATION, "shop-app")!.addons.find((a) => a.provider_id === "postgresql")!.version, "15.10.0");
    assert.equal(w.world.sim.app(SOURCE, "shop-app")!.addons.find((a) => a.provider_id === "postgresql")!.version, "14.11.0");
  });

  it("a destination that does not say its default (no /v1/database_types): a warning, not a refusal", async () => {
    w.world.sim.setFaults([{ method: "GET", path: "/v1/database_types", region: DESTINATION, status: 404, body: { error: "not found" } }]);
    const snapshot = await w.engine().advance(specFor("shop-app", "create"), { reachedStage: null });
    assert.equal(snapshot.status, "preflight-success");
    const warning = snapshot.manualActions!.find((a) => a.id === "db-version:postgresql")!;
    assert.equal(warning.blocking, false);
    assert.match(warning.why, /the source runs 14\.11\.0; osc-secnum-fr1 does not say which version a new database gets/);
  });

  it("the same version: no warning", async () => {
    w.world.sim.setDefaultAddonVersion(DESTINATION, "mysql", "8.0.36");
    const snapshot = await w.engine().advance(specFor("mysql-app", "create", { owner: "proj/dev/mysql-app" }), { reachedStage: null });
    assert.equal(snapshot.status, "preflight-success");
    assert.ok(!snapshot.manualActions!.some((a) => a.id.startsWith("db-version:")), JSON.stringify(snapshot.manualActions));
  });
});
