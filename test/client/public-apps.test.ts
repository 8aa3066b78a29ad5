import * as assert from "node:assert/strict";
import { ScalingoNotFoundError, ScalingoValidationError } from "../../provider/client";
import { publicWorld } from "./support/public-world";

describe("public API client: apps, projects, catalogues", function () {
  this.timeout(20_000);
  const world = publicWorld();

  it("shows an app with its settings, stack id and project", async () => {
    const app = await world.src.apps.show("shop-app");
    assert.equal(app.name, "shop-app");
    assert.equal(app.region, "osc-fr1");
    assert.equal(app.forceHttps, true);
    assert.equal(app.stickySession, true);
    assert.equal(app.routerLogs, false);
    assert.equal(app.project?.name, "shop");
    assert.equal(app.gitUrl, "git@ssh.osc-fr1.scalingo.com:shop-app.git");
    assert.match(app.lastDeploymentId ?? "", /.+/);
    const stacks = await world.src.catalogues.stacks();
    assert.equal(stacks.find((s) => s.id === app.stackId)?.name, "scalingo-22");
  });

  it("says which app is missing, and find() gives undefined for it", async () => {
    await assert.rejects(world.dst.apps.show("shop-app"), (e: unknown) => {
      assert.ok(e instanceof ScalingoNotFoundError);
      assert.equal(e.resource, "app");
      assert.equal(e.request.path, "/v1/apps/shop-app");
      assert.equal(e.request.region, "osc-secnum-fr1");
      assert.match(e.message, /^app 'shop-app' was not found in region osc-secnum-fr1 \(GET \/v1\/apps\/shop-app\)$/);
      return true;
    });
    assert.equal(await world.dst.apps.find("shop-app"), undefined);
    assert.equal((await world.src.apps.find("shop-app"))?.name, "shop-app");
  });

  it("validates a creation with X-Dry-Run without creating anything; a taken name is a field error", async () => {
    await world.dst.apps.validateCreate({ name: "shop-app" });
    assert.equal(world.sim.app("osc-secnum-fr1", "shop-app"), undefined, "the dry run created nothing");
    await assert.rejects(world.dst.apps.validateCreate({ name: "taken-name-app" }), (e: unknown) => {
      assert.ok(e instanceof ScalingoValidationError);
      assert.ok(e.fieldErrors.name?.length, JSON.stringify(e.fieldErrors));
      assert.equal(e.request.method, "POST");
      assert.equal(e.request.path, "/v1/apps");
      return true;
    });
  });

  it("creates an app in a project with a stack mapped by name, updates its settings, and deletes it", async () => {
    const sourceStack = (await world.src.apps.show("shop-app")).stackId;
    const stackName = (await world.src.catalogues.stacks()).find((s) => s.id === sourceStack)!.name;
    const destinationStack = (await world.dst.catalogues.stacks()).find((s) => s.name === stackName)!;
    assert.notEqual(destinationStack.id, sourceStack, "stack ids differ per region");
    await assert.rejects(world.dst.apps.create({ name: "shop-app", stackId: sourceStack }), ScalingoValidationError);

    const project = await world.dst.projects.create("shop");
    assert.ok((await world.dst.projects.list()).some((p) => p.id === project.id));
    const created = await world.dst.apps.create({ name: "shop-app", stackId: destinationStack.id, projectId: project.id });
    assert.equal(created.stackId, destinationStack.id);
    assert.equal(created.project?.id, project.id);

    const updated = await world.dst.apps.updateSettings("shop-app", { forceHttps: true, stickySession: true });
    assert.deepEqual([updated.forceHttps, updated.stickySession, updated.routerLogs], [true, true, false]);
    const snapshot = world.sim.app("osc-secnum-fr1", "shop-app")!;
    assert.deepEqual([snapshot.force_https, snapshot.sticky_session, snapshot.router_logs], [true, true, false]);
    assert.ok((await world.dst.apps.list()).some((a) => a.name === "shop-app"));

    await world.dst.apps.delete("shop-app");
    assert.equal(world.sim.app("osc-secnum-fr1", "shop-app"), undefined);
  });

  it("reads every catalogue: the same names in both regions, different ids", async () => {
    for (const read of [
      (r: typeof world.src) => r.catalogues.stacks(),
      (r: typeof world.src) => r.catalogues.containerSizes(),
      (r: typeof world.src) => r.catalogues.addonProviders(),
      (r: typeof world.src) => r.catalogues.notificationPlatforms(),
      (r: typeof world.src) => r.catalogues.eventTypes(),
    ]) {
      const [here, there] = [await read(world.src), await read(world.dst)];
      assert.ok(here.length > 0);
      assert.deepEqual(here.map((x) => x.name).sort(), there.map((x) => x.name).sort());
      const ids = new Set(there.map((x) => x.id));
      assert.ok(here.every((x) => !ids.has(x.id)), "no id is the same in both regions");
    }
    const providers = await world.dst.catalogues.addonProviders();
    const pg = providers.find((p) => p.name === "PostgreSQL")!;
    const plans = await world.dst.catalogues.addonPlans(pg.id);
    assert.deepEqual(plans.map((p) => p.name), pg.plans.map((p) => p.name));
    assert.ok(plans.some((p) => p.name === "postgresql-business-512" && p.sku === "osc-secnum-fr1-postgresql-business-512"));
    const sizes = await world.src.catalogues.containerSizes();
    assert.ok(sizes.some((s) => s.name === "M" && s.memory > 0));
  });
});
