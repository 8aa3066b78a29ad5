import * as assert from "node:assert/strict";
import { clientEngineWorld, specFor } from "./support";

describe("client engine: preview lists per kind what the next up changes, writing nothing", function () {
  this.timeout(60_000);
  const w = clientEngineWorld();
  const reads = () => w.world.sim.requests().filter((r) => r.method !== "GET" && !/tokens\/exchange/.test(r.path));

  it("before anything: everything to create on the destination, the freeze, the stop and the backups on the source", async () => {
    const engine = w.engine();
    const spec = specFor("shop-app", "finalize");
    const lines = await engine.describeNextUp(spec, undefined, engine.plan({ stage: "finalize", migrateData: true }, undefined));
    const [destination, source] = lines;
    assert.match(destination, /^next up on osc-secnum-fr1: app shop-app: create; variables: set 4 \(NODE_ENV, DATABASE_URL, CACHE_URL, LOG_LEVEL\); domains: add shop\.example\.com, www\.shop\.example\.com; addons: provision postgresql, redis; collaborators: invite carol@example\.com; notifiers: create Ops on Slack; alerts: create web 5XX; app log drains: add 1; code: deploy branch main through the SCM link; databases: restore postgresql through a one-off; formation: /);
    assert.equal(source, "next up on osc-fr1: SCM auto-deploy and review apps: off (freeze, undone by abort); formation: scale web×2, worker×1 to 0 (recorded first); backups: postgresql");
    assert.deepEqual(reads(), [], "a preview writes nothing");
  });

  it("after prepare: only what is left, and what drifted", async () => {
    const prepared = await w.engine().advance(specFor("shop-app", "prepare"), { reachedStage: null });
    await w.world.src.variables.setMany("shop-app", [{ name: "LOG_LEVEL", value: "debug" }]);
    w.world.sim.clearRequests();
    const engine = w.engine();
    const lines = await engine.describeNextUp(specFor("shop-app", "finalize", { migrateData: false }), prepared, engine.plan({ stage: "finalize", migrateData: false }, prepared));
    assert.deepEqual(lines, [
      "next up on osc-secnum-fr1: variables: set 1 (LOG_LEVEL); formation: scale to the source's recorded formation; autoscalers: create",
      "next up on osc-fr1: formation: scale web×2, worker×1 to 0 (recorded first)",
    ]);
    assert.deepEqual(reads(), []);
  });
});
