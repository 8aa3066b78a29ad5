import * as assert from "node:assert/strict";
import { ScalingoHttpError, ScalingoValidationError } from "../../provider/client";
import { Secret } from "../../provider/client/public";
import { everything, publicWorld } from "./support/public-world";

describe("public API client: environment variables", function () {
  this.timeout(20_000);
  const world = publicWorld();

  it("lists with aliases unexpanded by default, expanded on request; values are Secrets", async () => {
    const variables = await world.src.variables.list("shop-app");
    const byName = new Map(variables.map((v) => [v.name, v]));
    assert.equal(byName.get("DATABASE_URL")?.value.reveal(), "$SCALINGO_POSTGRESQL_URL");
    assert.ok(byName.has("SCALINGO_POSTGRESQL_URL"), "addon-injected variables are listed too");
    const expanded = await world.src.variables.list("shop-app", { aliases: false });
    const url = expanded.find((v) => v.name === "DATABASE_URL")!.value;
    assert.match(url.reveal(), /^postgres:\/\//);
    assert.ok(!everything(expanded).includes(url.reveal()), "a listing never prints a value");
    assert.ok(!`${url}`.includes("postgres"));
  });

  it("sets many in one PUT, keeping the others, and deletes one and several", async () => {
    const before = (await world.src.variables.list("shop-app")).length;
    const set = await world.src.variables.setMany("shop-app", [
      { name: "NODE_ENV", value: "staging" },
      { name: "FEATURE_X", value: new Secret("on") },
      { name: "FEATURE_Y", value: "off" },
    ]);
    assert.deepEqual(set.map((v) => v.name), ["NODE_ENV", "FEATURE_X", "FEATURE_Y"]);
    assert.equal(world.sim.requests().filter((r) => r.method === "PUT" && r.path === "/v1/apps/shop-app/variables").length, 1);
    const after = await world.src.variables.list("shop-app");
    assert.equal(after.length, before + 2);
    assert.equal(after.find((v) => v.name === "NODE_ENV")?.value.reveal(), "staging");

    await world.src.variables.delete("shop-app", after.find((v) => v.name === "FEATURE_X")!.id);
    await world.src.variables.deleteMany("shop-app", after.filter((v) => v.name === "FEATURE_Y" || v.name === "LOG_LEVEL").map((v) => v.id));
    const names = (await world.src.variables.list("shop-app")).map((v) => v.name);
    assert.ok(!names.includes("FEATURE_X") && !names.includes("FEATURE_Y") && !names.includes("LOG_LEVEL"));
    assert.ok(names.includes("NODE_ENV"));
    assert.deepEqual(await world.src.variables.setMany("shop-app", []), [], "nothing to set: no request");
  });

  it("reports a refused value by field, without the value", async () => {
    const tooLong = `secret-${"x".repeat(9000)}`;
    await assert.rejects(world.src.variables.setMany("shop-app", [{ name: "BIG", value: tooLong }]), (e: unknown) => {
      assert.ok(e instanceof ScalingoValidationError);
      assert.equal(e.request.method, "PUT");
      assert.equal(e.request.path, "/v1/apps/shop-app/variables");
      assert.ok(Object.keys(e.fieldErrors).length > 0);
      assert.ok(!everything(e).includes("xxxxxxxx"), everything(e));
      return true;
    });
  });

  it("strips a value the server quotes back in an error (a careless 422, a proxy page)", async () => {
    const value = "pa55w0rd-of-the-database";
    world.sim.setFaults([{ method: "PUT", path: "/v1/apps/shop-app/variables", status: 422, body: { errors: { value: [`'${value}' is not allowed`] } }, count: 1 }]);
    await assert.rejects(world.src.variables.setMany("shop-app", [{ name: "DB_PASSWORD", value }]), (e: unknown) => {
      assert.ok(e instanceof ScalingoValidationError);
      assert.deepEqual(e.fieldErrors.value, ["'[redacted]' is not allowed"]);
      assert.ok(!everything(e).includes(value), everything(e));
      return true;
    });
    world.sim.setFaults([{ method: "PUT", path: "/v1/apps/shop-app/variables", status: 403, body: `upstream said: {"name":"DB_PASSWORD","value":"${value}"}` }]);
    await assert.rejects(world.src.variables.setMany("shop-app", [{ name: "DB_PASSWORD", value: new Secret(value) }], { hints: {} }), (e: unknown) => {
      assert.ok(e instanceof ScalingoHttpError);
      assert.equal(e.status, 403);
      assert.match(e.message, /^PUT \/v1\/apps\/shop-app\/variables \(region osc-fr1\) answered 403: upstream said/);
      assert.ok(!everything(e).includes(value), everything(e));
      return true;
    });
  });
});
