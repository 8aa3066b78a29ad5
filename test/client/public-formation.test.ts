import * as assert from "node:assert/strict";
import { ScalingoNotFoundError, ScalingoResponseError, ScalingoValidationError } from "../../provider/client";
import { operationSettled } from "../../provider/client/public";
import { deployedApp, publicWorld, until } from "./support/public-world";

describe("public API client: formation, scale and restart operations", function () {
  this.timeout(20_000);
  const world = publicWorld();

  it("lists the formation and the running containers", async () => {
    const formation = await world.src.formation.containers("shop-app");
    assert.deepEqual(
      formation.map((c) => [c.name, c.amount, c.size]),
      [
        ["web", 2, "M"],
        ["worker", 1, "L"],
      ],
    );
    const running = await world.src.formation.running("shop-app");
    assert.equal(running.filter((c) => c.type === "web").length, 2);
    assert.ok(running.every((c) => c.size !== ""));
  });

  it("scales a deployed app through an operation (202 + Location) and polls it to done", async () => {
    const result = await world.src.formation.scale("shop-app", [{ name: "web", amount: 0 }, { name: "worker", amount: 0 }]);
    assert.ok(result.operation, "a deployed app scales through an operation");
    assert.deepEqual(result.formation.map((c) => c.amount), [0, 0]);
    const first = await world.src.operations.show(result.operation);
    assert.equal(first.type, "scale");
    assert.ok(["pending", "running"].includes(first.status), first.status);
    // Scalingo serialises operations per app: a second one while this runs is refused.
    await assert.rejects(world.src.formation.scale("shop-app", [{ name: "web", amount: 1 }]), ScalingoValidationError);
    const done = await until(() => world.src.operations.show(result.operation!), operationSettled);
    assert.equal(done.status, "done");
    assert.equal((await world.src.apps.show("shop-app")).status, "stopped");
  });

  it("scales a never-deployed app at once (200, no operation): web:0 before the first deploy keeps it at 0", async () => {
    await world.dst.apps.create({ name: "fresh-app" });
    const before = await world.dst.formation.scale("fresh-app", [{ name: "web", amount: 0 }]);
    assert.equal(before.operation, null, "nothing to wait for before the first deployment");
    assert.deepEqual(before.formation.map((c) => [c.name, c.amount]), [["web", 0]]);
    await deployedApp(world.dst, "fresh-app", "web: npm start\nworker: node worker.js\n", { create: false });
    assert.deepEqual((await world.dst.formation.containers("fresh-app")).map((c) => [c.name, c.amount]), [["web", 0], ["worker", 0]]);
    const after = await world.dst.formation.scale("fresh-app", [{ name: "worker", amount: 1, size: "L" }]);
    assert.ok(after.operation, "after a deployment: an operation");
    assert.equal(after.formation.find((c) => c.name === "worker")?.size, "L");
  });

  it("restarts through an operation", async () => {
    const ref = await world.src.formation.restart("shop-app", ["web"]);
    assert.equal(ref.app, "shop-app");
    const done = await until(() => world.src.operations.show(ref), operationSettled);
    assert.deepEqual([done.type, done.status], ["restart", "done"]);
  });

  it("says which operation is missing", async () => {
    await assert.rejects(world.src.operations.show({ app: "shop-app", id: "op-missing" }), ScalingoNotFoundError);
  });

  it("refuses a 202 without a Location as an unexpected answer naming the call", async () => {
    world.sim.setFaults([{ method: "POST", path: "/v1/apps/shop-app/restart", status: 202, body: {} }]);
    await assert.rejects(world.src.formation.restart("shop-app"), (e: unknown) => {
      assert.ok(e instanceof ScalingoResponseError);
      assert.match(e.message, /^POST \/v1\/apps\/shop-app\/restart \(region osc-fr1\) answered 202 with an unexpected body: no Location header to follow$/);
      return true;
    });
  });
});
