import assert from "node:assert/strict";
import { send, simulatorWorld } from "./support/test-client";

describe("simulator: public API, apps and catalogues", () => {
  const world = simulatorWorld("test");

  it("serves each catalogue in both regions: the same names, different ids", async () => {
    for (const [path, key] of [
      ["/v1/features/stacks", "stacks"],
      ["/v1/features/container_sizes", "container_sizes"],
      ["/v1/addon_providers", "addon_providers"],
      ["/v1/notification_platforms", "notification_platforms"],
      ["/v1/event_types", "event_types"],
    ]) {
      const fr1 = (await world.client.get("osc-fr1", path)).body[key];
      const secnum = (await world.client.get("osc-secnum-fr1", path)).body[key];
      assert.ok(fr1.length > 0, path);
      assert.deepEqual(fr1.map((x: { name: string }) => x.name), secnum.map((x: { name: string }) => x.name), path);
      const ids = new Set(fr1.map((x: { id: string }) => x.id));
      assert.ok(secnum.every((x: { id: string }) => !ids.has(x.id)), `${path}: ids must differ per region`);
    }
  });

  it("lists a provider's plans by its regional id, with region-prefixed SKUs; another region's id is a 404", async () => {
    const providers = (await world.client.get("osc-secnum-fr1", "/v1/addon_providers")).body.addon_providers;
    const pg = providers.find((p: { name: string }) => p.name === "PostgreSQL");
    const plans = (await world.client.get("osc-secnum-fr1", `/v1/addon_providers/${pg.id}/plans?show_all=true`)).body.plans;
    assert.ok(plans.some((p: { name: string; sku: string }) => p.name === "postgresql-starter-512" && p.sku === "osc-secnum-fr1-postgresql-starter-512"));
    assert.equal((await world.client.get("osc-fr1", `/v1/addon_providers/${pg.id}/plans`)).status, 404);
    const anonymous = await send("GET", `${world.sim.regionApiUrl("osc-fr1")}/v1/notification_platforms/search?name=slack`);
    assert.deepEqual(anonymous.body.notification_platforms.map((p: { name: string }) => p.name), ["slack"]);
  });

  it("creates an app with X-Dry-Run (nothing created), then for real with a default notifier and an event", async () => {
    const token = await world.client.token();
    const stacks = (await world.client.get("osc-secnum-fr1", "/v1/features/stacks")).body.stacks;
    const body = { app: { name: "new-shop", stack_id: stacks.find((s: { name: string }) => s.name === "scalingo-22").id } };
    const url = `${world.sim.regionApiUrl("osc-secnum-fr1")}/v1/apps`;
    const dry = await send("POST", url, body, { authorization: `Bearer ${token}`, "x-dry-run": "true" });
    assert.equal(dry.status, 201);
    assert.equal(dry.body.app.id, "");
    assert.equal(world.sim.app("osc-secnum-fr1", "new-shop"), undefined);
    const created = await world.client.post("osc-secnum-fr1", "/v1/apps", body);
    assert.equal(created.status, 201);
    assert.match(created.body.app.id, /^[0-9a-f]{24}$/);
    assert.deepEqual([created.body.app.status, created.body.app.stack, created.body.app.project.name], ["new", "scalingo-22", "default"]);
    const app = world.sim.app("osc-secnum-fr1", "new-shop")!;
    assert.deepEqual(app.notifiers.map((n) => [n.name, n.type]), [["Default 'new-shop' notifier", "email"]]);
    const events = (await world.client.get("osc-secnum-fr1", "/v1/apps/new-shop/events")).body;
    assert.deepEqual(events.events.map((e: { type: string }) => e.type), ["new_app"]);
    assert.equal(events.meta.pagination.total_count, 1);
  });

  it("refuses a taken name, a bad name, and a stack or project id of another region, with 422", async () => {
    const taken = await world.client.post("osc-fr1", "/v1/apps", { app: { name: "my-app" } });
    assert.deepEqual([taken.status, taken.body.errors.name], [422, ["has already been taken"]]);
    assert.equal((await world.client.post("osc-fr1", "/v1/apps", { app: { name: "Bad_Name" } })).status, 422);
    const fr1Stack = (await world.client.get("osc-fr1", "/v1/features/stacks")).body.stacks[0].id;
    const wrongStack = await world.client.post("osc-secnum-fr1", "/v1/apps", { app: { name: "x-app", stack_id: fr1Stack } });
    assert.match(wrongStack.body.errors.stack_id[0], /map them by name/);
    const fr1Project = (await world.client.get("osc-fr1", "/v1/projects")).body.projects[0].id;
    assert.equal((await world.client.post("osc-secnum-fr1", "/v1/apps", { app: { name: "x-app", project_id: fr1Project } })).status, 422);
  });

  it("updates settings by PATCH with the app wrapper and by PUT without it (go-scalingo's form)", async () => {
    const put = await world.client.put("osc-fr1", "/v1/apps/shop-app", { router_logs: true });
    assert.deepEqual([put.status, put.body.app.router_logs, put.body.app.force_https], [200, true, true]);
    const stacks = (await world.client.get("osc-fr1", "/v1/features/stacks")).body.stacks;
    const patched = await world.client.patch("osc-fr1", "/v1/apps/shop-app", { app: { stack_id: stacks.find((s: { name: string }) => s.name === "scalingo-24").id } });
    assert.equal(patched.body.app.stack, "scalingo-24");
    assert.equal(world.sim.app("osc-fr1", "shop-app")?.router_logs, true);
  });

  it("creates projects per region and lists them with the default one", async () => {
    const created = await world.client.post("osc-secnum-fr1", "/v1/projects", { project: { name: "shop" } });
    assert.equal(created.status, 201);
    const names = (await world.client.get("osc-secnum-fr1", "/v1/projects")).body.projects.map((p: { name: string }) => p.name).sort();
    assert.deepEqual(names, ["default", "shop"]);
    assert.equal((await world.client.post("osc-secnum-fr1", "/v1/projects", { project: { name: "shop" } })).status, 422);
  });
});
