import * as assert from "node:assert/strict";
import { DESTINATION, SOURCE } from "../client/support/public-world";
import { clientEngineWorld, specFor } from "./support";

describe("client engine: refresh reads both apps back; drift between prepare and finalize", function () {
  this.timeout(60_000);
  const w = clientEngineWorld();

  it("shows the source's changes since prepare, and finalize copies variables and domains again", async () => {
    const prepared = await w.engine().advance(specFor("shop-app", "prepare"), { reachedStage: null });
    const quiet = await w.engine().read(specFor("shop-app", "prepare"), prepared.id, "prepare");
    assert.ok(!quiet!.manualActions!.some((a) => a.id === "source-drift"), "no drift right after prepare (the freeze is ours)");
    await w.world.src.variables.setMany("shop-app", [{ name: "FEATURE_FLAG", value: "on" }]);
    await w.world.src.domains.add("shop-app", { name: "api.shop.example.com", letsencryptEnabled: true });
    const drifted = await w.engine().read(specFor("shop-app", "prepare"), prepared.id, "prepare");
    const drift = drifted!.manualActions!.find((a) => a.id === "source-drift");
    assert.match(drift?.action ?? "", /since prepare \(2 change\(s\): edit_variables, new_domain\)/);
    const done = await w.engine().advance(specFor("shop-app", "finalize"), { migrationId: prepared.id, reachedStage: "prepare" });
    assert.equal(done.status, "done");
    const destination = w.world.sim.app(DESTINATION, "shop-app")!;
    assert.equal(destination.env.FEATURE_FLAG, "on");
    assert.ok(destination.domains.some((d) => d.name === "api.shop.example.com"));
    assert.ok(done.destination.dnsChanges.some((d) => d.domain === "api.shop.example.com"));
  });

  it("says so when the destination app was deleted outside the migration", async () => {
    const prepared = await w.engine().advance(specFor("shop-app", "prepare"), { reachedStage: null });
    await w.world.dst.apps.delete("shop-app");
    const read = await w.engine().read(specFor("shop-app", "prepare"), prepared.id, "prepare");
    assert.ok(read!.manualActions!.some((a) => a.id === "destination-missing" && a.blocking));
    assert.ok(w.world.sim.app(SOURCE, "shop-app"));
  });
});
