import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import { DESTINATION, SOURCE } from "../client/support/public-world";
import { clientEngineWorld, specFor } from "./support";
import { comparableShape, counts, withoutManual } from "./shape";

describe("client engine: shop-app from create to finalize against the simulator", function () {
  this.timeout(60_000);
  const w = clientEngineWorld();

  it("builds a destination equal to the source minus the manual items, with equal database digests", async () => {
    const before = w.world.sim.app(SOURCE, "shop-app")!;
    const snapshot = await w.engine().advance(specFor("shop-app", "finalize"), { reachedStage: null });
    assert.equal(snapshot.status, "done");
    assert.equal(snapshot.reachedStage, "finalize");
    assert.equal(snapshot.redirectExpiresAt, null);
    const after = w.world.sim.app(DESTINATION, "shop-app")!;
    assert.deepEqual(comparableShape(after), withoutManual(comparableShape(before), before));
    assert.equal(w.world.sim.database(DESTINATION, "shop-app", "postgresql").digest, w.world.sim.database(SOURCE, "shop-app", "postgresql").digest);
    // The source: stopped, frozen (auto-deploy off), never deleted.
    const source = w.world.sim.app(SOURCE, "shop-app")!;
    assert.deepEqual(source.formation.map((f) => f.amount), [0, 0]);
    assert.equal(source.scm?.auto_deploy_enabled, false);
    assert.deepEqual(
      snapshot.destination.dnsChanges.map((d) => d.domain),
      ["shop.example.com", "www.shop.example.com"],
    );
    const ids = snapshot.manualActions!.map((a) => a.id);
    for (const id of ["certificate:www.shop.example.com", "collaborator:carol@example.com", "data:redis", "dns:shop.example.com", "old-url", "delete-source"]) assert.ok(ids.includes(id), `${id} in ${ids.join(", ")}`);
    assert.deepEqual(snapshot.copied!.collaborators, { copied: 1, skipped: 1, why: ["dave@example.com: invitation not accepted on the source"] });
    assert.equal(snapshot.copied!.variables.skipped, 2);
  });

  it("creates nothing twice: a whole second run changes nothing and counts the same", async () => {
    await w.engine().advance(specFor("shop-app", "prepare"), { reachedStage: null });
    const once = w.world.sim.app(DESTINATION, "shop-app")!;
    // As if `pulumi up` had been killed in prepare: the record says prepare is running.
    const record = w.records.read("proj/dev/shop-app", "shop-app", SOURCE)!;
    w.records.write({ ...record, status: "running", currentStep: "prepare", reachedStage: "create" });
    w.world.sim.clearRequests();
    const again = await w.engine().advance(specFor("shop-app", "prepare"), { migrationId: record.id, reachedStage: "create" });
    assert.equal(again.status, "prepared");
    const twice = w.world.sim.app(DESTINATION, "shop-app")!;
    assert.deepEqual(counts(twice), counts(once));
    assert.deepEqual(comparableShape(twice), comparableShape(once));
    const writes = w.world.sim.requests().filter((r) => r.method !== "GET" && !/tokens\/exchange|\/token$/.test(r.path));
    assert.deepEqual(writes.map((r) => `${r.method} ${r.path}`), [], "a resumed prepare whose work is all done sends no write");
  });

  it("keeps values out of the record, the snapshot and the progress lines", async () => {
    const source = w.world.sim.app(SOURCE, "shop-app")!;
    const snapshot = await w.engine().advance(specFor("shop-app", "finalize"), { reachedStage: null });
    const record = fs.readFileSync(w.records.file("proj/dev/shop-app", "shop-app", SOURCE), "utf8");
    const backupId = w.records.read("proj/dev/shop-app", "shop-app", SOURCE)!.backups;
    assert.ok(Object.keys(backupId).length === 1);
    const secrets = [source.env.SCALINGO_POSTGRESQL_URL, source.env.SCALINGO_REDIS_URL, "dd-token", "hooks.slack.com", "/_storage/", "db-logs.example.com", "jwt"];
    for (const text of [record, JSON.stringify(snapshot), w.lines.join("\n")]) {
      for (const secret of secrets) assert.ok(!text.includes(secret), `${secret} leaked`);
    }
  });
});
