import assert from "node:assert/strict";
import { createApp, deploy, until } from "./support/public-api";
import { simulatorWorld } from "./support/test-client";

describe("simulator: public API, formation, scale and operations", () => {
  const world = simulatorWorld("test");

  it("scales before the first deploy at once (200), and the deploy keeps web at 0 (the web-less recipe)", async () => {
    await createApp(world.client, "osc-secnum-fr1", "fresh-app");
    const scaled = await world.client.post("osc-secnum-fr1", "/v1/apps/fresh-app/scale", { containers: [{ name: "web", amount: 0, size: "L" }] });
    assert.equal(scaled.status, 200);
    assert.equal(scaled.headers.get("location"), null);
    const deployment = await deploy(world.client, "osc-secnum-fr1", "fresh-app");
    assert.equal(deployment.status, "success");
    const types = (await world.client.get("osc-secnum-fr1", "/v1/apps/fresh-app/containers")).body.containers;
    assert.deepEqual(types.map((t: { name: string; amount: number; size: string }) => [t.name, t.amount, t.size]), [["web", 0, "L"], ["worker", 0, "M"]]);
    assert.equal(world.sim.app("osc-secnum-fr1", "fresh-app")?.status, "stopped");
  });

  it("scales a deployed app through an operation: 202 + Location, pending → running → done", async () => {
    world.sim.setAsyncTimings({ operation: 300 });
    const scaled = await world.client.post("osc-fr1", "/v1/apps/shop-app/scale", { containers: [{ name: "worker", amount: 3, size: "XL" }] });
    assert.equal(scaled.status, 202);
    const location = scaled.headers.get("location")!;
    assert.match(location, /\/osc-fr1\/v1\/apps\/shop-app\/operations\/[0-9a-f-]{36}$/);
    const path = location.slice(location.indexOf("/v1/"));
    const seen = new Set<string>();
    await until(
      async () => (await world.client.get("osc-fr1", path)).body.operation,
      (op) => (seen.add(op.status), op.status === "done"),
    );
    assert.ok(seen.has("pending") || seen.has("running"), `an operation takes time: ${[...seen]}`);
    assert.equal(world.sim.app("osc-fr1", "shop-app")?.status, "running");
    const ps = (await world.client.get("osc-fr1", "/v1/apps/shop-app/ps")).body.containers;
    assert.equal(ps.filter((c: { type: string }) => c.type === "worker").length, 3);
  });

  it("refuses a second scale or restart while an operation runs (422), an unknown type (404), over 10 (422)", async () => {
    world.sim.setAsyncTimings({ operation: 400 });
    assert.equal((await world.client.post("osc-fr1", "/v1/apps/shop-app/restart", { scope: ["web"] })).status, 202);
    assert.equal(world.sim.app("osc-fr1", "shop-app")?.status, "restarting");
    const busy = await world.client.post("osc-fr1", "/v1/apps/shop-app/scale", { containers: [{ name: "web", amount: 1 }] });
    assert.equal(busy.status, 422);
    assert.match(busy.body.errors.app[0], /already running/);
    const unknown = await world.client.post("osc-fr1", "/v1/apps/git-push-app/scale", { containers: [{ name: "nope", amount: 1 }] });
    assert.deepEqual([unknown.status, unknown.body.resource], [404, "container_type"]);
    assert.equal((await world.client.post("osc-fr1", "/v1/apps/git-push-app/scale", { containers: [{ name: "web", amount: 11 }] })).status, 422);
  });

  it("stops an app by scaling every type to 0", async () => {
    world.sim.setAsyncTimings({ operation: 10 });
    const scaled = await world.client.post("osc-fr1", "/v1/apps/git-push-app/scale", { containers: [{ name: "web", amount: 0 }, { name: "clock", amount: 0 }] });
    assert.equal(scaled.status, 202);
    await until(() => world.sim.app("osc-fr1", "git-push-app")!.status, (s) => s === "stopped");
    assert.deepEqual((await world.client.get("osc-fr1", "/v1/apps/git-push-app/ps")).body.containers, []);
  });
});
