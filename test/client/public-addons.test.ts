import * as assert from "node:assert/strict";
import { ScalingoValidationError } from "../../provider/client";
import type { RegionApi } from "../../provider/client/public";
import { publicWorld, until } from "./support/public-world";

/** The destination's ids of a provider and plan named as in the source. */
async function mapped(region: RegionApi, providerName: string, planName: string) {
  const provider = (await region.catalogues.addonProviders()).find((p) => p.name === providerName)!;
  const plan = (await region.catalogues.addonPlans(provider.id)).find((p) => p.name === planName)!;
  return { providerId: provider.id, planId: plan.id };
}

describe("public API client: addons", function () {
  this.timeout(20_000);
  const world = publicWorld();

  beforeEach(() => world.dst.apps.create({ name: "shop-app" }));

  it("lists the source's addons with provider and plan names", async () => {
    const addons = await world.src.addons.list("shop-app");
    assert.deepEqual(addons.map((a) => [a.provider.name, a.plan.name, a.status]), [
      ["PostgreSQL", "postgresql-business-512", "running"],
      ["Redis", "redis-starter-256", "running"],
    ]);
    assert.equal((await world.src.addons.show("shop-app", addons[0]!.id)).id, addons[0]!.id);
  });

  it("provisions on a plan mapped by name, and polls it from provisioning to running", async () => {
    const source = (await world.src.addons.list("shop-app"))[0]!;
    await assert.rejects(world.dst.addons.provision("shop-app", { providerId: source.provider.id, planId: source.plan.id }), (e: unknown) => {
      assert.ok(e instanceof ScalingoValidationError, "a source id is not a destination id");
      return true;
    });
    const provisioned = await world.dst.addons.provision("shop-app", await mapped(world.dst, source.provider.name, source.plan.name));
    assert.equal(provisioned.addon.status, "provisioning");
    assert.deepEqual(provisioned.variables, ["SCALINGO_POSTGRESQL_URL"]);
    const running = await until(() => world.dst.addons.show("shop-app", provisioned.addon.id), (a) => a.status !== "provisioning");
    assert.equal(running.status, "running");
    assert.equal(running.plan.sku, "osc-secnum-fr1-postgresql-business-512");
  });

  it("sees a failed provisioning as status error", async () => {
    world.sim.failAsync({ kind: "addon", app: "shop-app", region: "osc-secnum-fr1", times: 1 });
    const provisioned = await world.dst.addons.provision("shop-app", await mapped(world.dst, "Redis", "redis-starter-256"));
    const ended = await until(() => world.dst.addons.show("shop-app", provisioned.addon.id), (a) => a.status !== "provisioning");
    assert.equal(ended.status, "error");
  });

  it("changes an addon's plan and deletes it", async () => {
    const provisioned = await world.dst.addons.provision("shop-app", await mapped(world.dst, "Redis", "redis-starter-256"));
    const bigger = await mapped(world.dst, "Redis", "redis-starter-512");
    const changed = await world.dst.addons.changePlan("shop-app", provisioned.addon.id, bigger.planId);
    assert.equal(changed.plan.name, "redis-starter-512");
    await world.dst.addons.delete("shop-app", provisioned.addon.id);
    assert.deepEqual(await world.dst.addons.list("shop-app"), []);
  });
});
