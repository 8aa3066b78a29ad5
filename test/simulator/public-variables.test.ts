import assert from "node:assert/strict";
import { simulatorWorld, type Json } from "./support/test-client";

describe("simulator: public API, environment variables", () => {
  const world = simulatorWorld("test");
  const list = async (aliases: boolean) =>
    Object.fromEntries((await world.client.get("osc-fr1", `/v1/apps/shop-app/variables?aliases=${aliases}`)).body.variables.map((v: Json) => [v.name, v.value]));

  it("lists every variable, addon-injected ones included, aliases kept or expanded on demand", async () => {
    const kept = await list(true);
    assert.equal(kept.DATABASE_URL, "$SCALINGO_POSTGRESQL_URL");
    assert.match(kept.SCALINGO_POSTGRESQL_URL, /^postgres:\/\/shop_app_[0-9a-f]{6}:[^@]+@shop-app-[0-9a-f]{6}\.postgresql\.osc-fr1\.scalingo-dbs\.com:30000\/shop_app_[0-9a-f]{6}$/);
    const expanded = await list(false);
    assert.equal(expanded.DATABASE_URL, kept.SCALINGO_POSTGRESQL_URL);
  });

  it("creates (201) or updates (200) one, bulk-sets with PUT, updates by id and deletes one or many", async () => {
    const created = await world.client.post("osc-fr1", "/v1/apps/shop-app/variables", { variable: { name: "FEATURE_X", value: "on" } });
    assert.equal(created.status, 201);
    const again = await world.client.post("osc-fr1", "/v1/apps/shop-app/variables", { variable: { name: "FEATURE_X", value: "off" } });
    assert.deepEqual([again.status, again.body.variable.id], [200, created.body.variable.id]);
    const bulk = await world.client.put("osc-fr1", "/v1/apps/shop-app/variables", { variables: [{ name: "A", value: "1" }, { name: "LOG_LEVEL", value: "debug" }] });
    assert.equal(bulk.status, 200);
    assert.deepEqual(bulk.body.variables.map((v: Json) => v.name), ["A", "LOG_LEVEL"]);
    const patched = await world.client.patch("osc-fr1", `/v1/apps/shop-app/variables/${created.body.variable.id}`, { variable: { value: "maybe" } });
    assert.equal(patched.body.variable.value, "maybe");
    assert.equal((await world.client.delete("osc-fr1", `/v1/apps/shop-app/variables/${created.body.variable.id}`)).status, 204);
    const a = bulk.body.variables[0].id;
    assert.equal((await world.client.delete("osc-fr1", `/v1/apps/shop-app/variables?variable_ids[]=${a}`)).status, 204);
    const names = Object.keys(await list(true));
    assert.ok(!names.includes("FEATURE_X") && !names.includes("A") && names.includes("LOG_LEVEL"));
    assert.equal((await world.client.delete("osc-fr1", `/v1/apps/shop-app/variables/${a}`)).status, 404);
  });

  it("ids are per app: the same name has another id in another app", async () => {
    const ids = async (app: string) => (await world.client.get("osc-fr1", `/v1/apps/${app}/variables`)).body.variables.find((v: Json) => v.name === "NODE_ENV").id;
    assert.notEqual(await ids("shop-app"), await ids("mysql-app"));
  });

  it("refuses a bad name or a value over 8192 characters (422)", async () => {
    const bad = await world.client.post("osc-fr1", "/v1/apps/shop-app/variables", { variable: { name: "1BAD", value: "x" } });
    assert.equal(bad.status, 422);
    const long = await world.client.put("osc-fr1", "/v1/apps/shop-app/variables", { variables: [{ name: "OK", value: "x".repeat(8193) }] });
    assert.equal(long.status, 422);
    assert.ok(Object.keys(long.body.errors)[0].startsWith("variables[0]"));
  });
});
