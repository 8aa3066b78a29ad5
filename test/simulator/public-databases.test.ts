import assert from "node:assert/strict";
import { gunzipSync } from "node:zlib";
import { addonOf, dbApi, until } from "./support/public-api";
import { send, simulatorWorld, type Json } from "./support/test-client";

describe("simulator: public API, addons and the Database API", () => {
  const world = simulatorWorld("test");

  it("provisions an addon by regional ids: 201 provisioning with its variables, then running", async () => {
    const region = "osc-fr1";
    const providers = (await world.client.get(region, "/v1/addon_providers")).body.addon_providers;
    const mongo = providers.find((p: Json) => p.name === "MongoDB");
    const plan = mongo.plans.find((p: Json) => p.name === "mongo-starter-512");
    const created = await world.client.post(region, "/v1/apps/git-push-app/addons", { addon: { addon_provider_id: mongo.id, plan_id: plan.id } });
    assert.equal(created.status, 201);
    assert.deepEqual([created.body.addon.status, created.body.variables], ["provisioning", ["SCALINGO_MONGO_URL"]]);
    assert.ok(world.sim.app(region, "git-push-app")!.env.SCALINGO_MONGO_URL);
    const running = await until(
      async () => (await world.client.get(region, `/v1/apps/git-push-app/addons/${created.body.addon.id}`)).body.addon,
      (a) => a.status === "running",
    );
    assert.equal(running.plan.name, "mongo-starter-512");
    assert.equal((await world.client.post(region, "/v1/apps/git-push-app/addons", { addon: { addon_provider_id: mongo.id, plan_id: plan.id } })).status, 422, "one per provider");
    const upgraded = await world.client.patch(region, `/v1/apps/git-push-app/addons/${created.body.addon.id}`, { addon: { plan_id: mongo.plans.at(-1).id } });
    assert.equal(upgraded.body.addon.plan.name, "mongo-business-1024");
    assert.equal((await world.client.delete(region, `/v1/apps/git-push-app/addons/${created.body.addon.id}`)).status, 204);
    assert.equal(world.sim.app(region, "git-push-app")!.env.SCALINGO_MONGO_URL, undefined, "its variable goes with it");
  });

  it("opens a database with its addon token only (403 for another database, 401 for a user route)", async () => {
    const pg = await addonOf(world.client, "osc-fr1", "shop-app", "PostgreSQL");
    const shown = await dbApi(world.client, "osc-fr1", "shop-app", pg.id, "GET", `/databases/${pg.id}`);
    assert.equal(shown.status, 200);
    assert.deepEqual([shown.body.database.type_name, shown.body.database.readable_version, shown.body.database.app_name], ["postgresql", "14.11.0", "shop-app"]);
    const redis = await addonOf(world.client, "osc-fr1", "shop-app", "Redis");
    assert.equal((await dbApi(world.client, "osc-fr1", "shop-app", redis.id, "GET", `/databases/${pg.id}`)).status, 403);
    const token = (await world.client.post("osc-fr1", `/v1/apps/shop-app/addons/${pg.id}/token`, {})).body.addon.token;
    assert.equal((await send("GET", `${world.sim.regionApiUrl("osc-fr1")}/v1/apps/shop-app`, undefined, { authorization: `Bearer ${token}` })).status, 401);
    const asUser = await send("GET", `${world.sim.regionApiUrl("osc-fr1")}/api/databases/${pg.id}`, undefined, { authorization: `Bearer ${await world.client.token()}` });
    assert.equal(asUser.status, 200, "the user's own bearer works too (Scalingo's JS client, 2026)");
  });

  it("backs up: 201 scheduled → running → done, listed newest first, shown by /api/backups/:id, archived behind a signed URL", async () => {
    world.sim.setAsyncTimings({ backup: 200 });
    const pg = await addonOf(world.client, "osc-fr1", "shop-app", "PostgreSQL");
    const created = await dbApi(world.client, "osc-fr1", "shop-app", pg.id, "POST", `/databases/${pg.id}/backups`);
    assert.deepEqual([created.status, created.body.database_backup.status, created.body.database_backup.method], [201, "scheduled", "manual"]);
    const id = created.body.database_backup.id;
    const seen = new Set<string>();
    await until(async () => (await dbApi(world.client, "osc-fr1", "shop-app", pg.id, "GET", `/backups/${id}`)).body.database_backup.status, (s) => (seen.add(s), s === "done"));
    assert.ok(seen.has("running") || seen.has("scheduled"));
    const listed = (await dbApi(world.client, "osc-fr1", "shop-app", pg.id, "GET", `/databases/${pg.id}/backups`)).body.database_backups;
    assert.equal(listed[0].id, id);
    const archive = await dbApi(world.client, "osc-fr1", "shop-app", pg.id, "GET", `/databases/${pg.id}/backups/${id}/archive`);
    const url: string = archive.body.download_url;
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/_storage\/backups\/bk-[0-9a-f-]+\?expires=\d+&signature=[0-9a-f]{64}$/);
    const download = await fetch(url);
    assert.equal(download.status, 200);
    const tar = gunzipSync(Buffer.from(await download.arrayBuffer())).toString("latin1");
    assert.ok(tar.includes(".pgsql") && tar.includes("SIMDUMP postgresql"));
    // A signature with its first digit changed (never to itself) no longer matches.
    const forged = url.replace(/signature=(.)/, (_, first: string) => `signature=${first === "0" ? "1" : "0"}`);
    assert.equal((await fetch(forged)).status, 403);
  });

  it("serves the archive URL for a limited time (urlTtl), then 403", async () => {
    world.sim.setAsyncTimings({ backup: 0, urlTtl: 50 });
    const pg = await addonOf(world.client, "osc-fr1", "shop-app", "PostgreSQL");
    const id = (await dbApi(world.client, "osc-fr1", "shop-app", pg.id, "POST", `/databases/${pg.id}/backups`)).body.database_backup.id;
    const url = (await dbApi(world.client, "osc-fr1", "shop-app", pg.id, "GET", `/databases/${pg.id}/backups/${id}/archive`)).body.download_url;
    await new Promise((resolve) => setTimeout(resolve, 80));
    const expired = await fetch(url);
    assert.equal(expired.status, 403);
    assert.match(await expired.text(), /expired/);
  });

  it("fails a scripted backup or provisioning visibly", async () => {
    world.sim.failAsync({ kind: "backup", app: "shop-app", times: 1 });
    world.sim.failAsync({ kind: "addon", app: "git-push-app" });
    world.sim.setAsyncTimings({ backup: 0, addon: 0 });
    const pg = await addonOf(world.client, "osc-fr1", "shop-app", "PostgreSQL");
    const id = (await dbApi(world.client, "osc-fr1", "shop-app", pg.id, "POST", `/databases/${pg.id}/backups`)).body.database_backup.id;
    assert.equal((await dbApi(world.client, "osc-fr1", "shop-app", pg.id, "GET", `/backups/${id}`)).body.database_backup.status, "error");
    const archive = await dbApi(world.client, "osc-fr1", "shop-app", pg.id, "GET", `/databases/${pg.id}/backups/${id}/archive`);
    assert.equal(archive.status, 422);
    const redisProvider = (await world.client.get("osc-fr1", "/v1/addon_providers")).body.addon_providers.find((p: Json) => p.name === "Redis");
    const created = await world.client.post("osc-fr1", "/v1/apps/git-push-app/addons", { addon: { addon_provider_id: redisProvider.id, plan_id: redisProvider.plans[0].id } });
    assert.equal((await world.client.get("osc-fr1", `/v1/apps/git-push-app/addons/${created.body.addon.id}`)).body.addon.status, "error");
  });
});
