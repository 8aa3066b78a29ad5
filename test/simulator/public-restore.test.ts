import assert from "node:assert/strict";
import { addonOf, createApp, dbApi, deploy, runOneOff, until } from "./support/public-api";
import { simulatorWorld, type TestClient } from "./support/test-client";

const RECIPE =
  'dbclient-fetcher pgsql && curl -sSf -o /tmp/backup.tar.gz "$BACKUP_URL" && tar xzvf /tmp/backup.tar.gz -C /tmp && ' +
  'pg_restore --clean --if-exists --no-owner --no-privileges --no-comments --dbname "$DATABASE_URL" /tmp/*/*.pgsql && echo RESTORED';

/** A done backup of `app`'s addon and its download URL. */
async function backupUrl(client: TestClient, app: string, provider: string): Promise<string> {
  const addon = await addonOf(client, "osc-fr1", app, provider);
  const id = (await dbApi(client, "osc-fr1", app, addon.id, "POST", `/databases/${addon.id}/backups`)).body.database_backup.id;
  await until(async () => (await dbApi(client, "osc-fr1", app, addon.id, "GET", `/backups/${id}`)).body.database_backup.status, (s) => s === "done");
  return (await dbApi(client, "osc-fr1", app, addon.id, "GET", `/databases/${addon.id}/backups/${id}/archive`)).body.download_url;
}

describe("simulator: public API, restoring a backup from a one-off", () => {
  const world = simulatorWorld("test");

  beforeEach(async () => {
    world.sim.setAsyncTimings({ backup: 20, oneOff: 20, deployment: 20, addon: 0 });
    // The destination: deployed, with its own PostgreSQL and the alias the recipe uses.
    await createApp(world.client, "osc-secnum-fr1", "shop-app");
    const providers = (await world.client.get("osc-secnum-fr1", "/v1/addon_providers")).body.addon_providers;
    const pg = providers.find((p: { name: string }) => p.name === "PostgreSQL");
    await world.client.post("osc-secnum-fr1", "/v1/apps/shop-app/addons", { addon: { addon_provider_id: pg.id, plan_id: pg.plans[2].id } });
    await world.client.post("osc-secnum-fr1", "/v1/apps/shop-app/variables", { variable: { name: "DATABASE_URL", value: "$SCALINGO_POSTGRESQL_URL" } });
    await deploy(world.client, "osc-secnum-fr1", "shop-app");
  });

  it("replaces the destination's records with the backup's and logs it (the data written by the admin API comes along)", async () => {
    world.sim.writeDatabase("osc-fr1", "shop-app", "postgresql", [{ id: "order-9", fields: { customer: "Hedy", total: 7 } }]);
    const url = await backupUrl(world.client, "shop-app", "PostgreSQL");
    assert.notEqual(world.sim.database("osc-secnum-fr1", "shop-app", "postgresql").digest, world.sim.database("osc-fr1", "shop-app", "postgresql").digest);
    const lines = await runOneOff(world.client, "osc-secnum-fr1", "shop-app", RECIPE, { BACKUP_URL: url });
    assert.ok(lines.includes("RESTORED"), lines.join("\n"));
    assert.ok(lines.some((l) => /^pg_restore: restored 1 records into shop_app_/.test(l)));
    assert.equal(lines.at(-1), "Process exited with status 0");
    const copy = world.sim.database("osc-secnum-fr1", "shop-app", "postgresql");
    assert.equal(copy.digest, world.sim.database("osc-fr1", "shop-app", "postgresql").digest);
    assert.deepEqual(copy.documents, [{ id: "order-9", fields: { customer: "Hedy", total: 7 } }]);
    const events = (await world.client.get("osc-secnum-fr1", "/v1/apps/shop-app/events")).body.events;
    assert.equal(events[0].type, "run");
    assert.ok(!JSON.stringify(events).includes("signature="), "the run event carries the command, not the env");
  });

  it("fails visibly on an expired URL: curl's error in the logs, the database untouched", async () => {
    world.sim.setAsyncTimings({ urlTtl: 1 });
    const url = await backupUrl(world.client, "shop-app", "PostgreSQL");
    await new Promise((resolve) => setTimeout(resolve, 10));
    const before = world.sim.database("osc-secnum-fr1", "shop-app", "postgresql").digest;
    const lines = await runOneOff(world.client, "osc-secnum-fr1", "shop-app", RECIPE, { BACKUP_URL: url });
    assert.ok(lines.includes("curl: (22) The requested URL returned error: 403"), lines.join("\n"));
    assert.ok(!lines.includes("RESTORED"));
    assert.equal(lines.at(-1), "Process exited with status 22");
    assert.equal(world.sim.database("osc-secnum-fr1", "shop-app", "postgresql").digest, before);
  });

  it("fails visibly on a dump of the wrong type (a Redis backup given to pg_restore)", async () => {
    const url = await backupUrl(world.client, "shop-app", "Redis");
    const recipe = RECIPE.replace("/tmp/*/*.pgsql", "/tmp/*/*.rdb");
    const lines = await runOneOff(world.client, "osc-secnum-fr1", "shop-app", recipe, { BACKUP_URL: url });
    assert.ok(lines.some((l) => /pg_restore: error: input file does not appear to be a valid PostgreSQL archive \(a Redis dump\)/.test(l)), lines.join("\n"));
    assert.equal(lines.at(-1), "Process exited with status 1");
  });

  it("needs dbclient-fetcher first; a scripted restore failure and any other command show in the logs", async () => {
    const url = await backupUrl(world.client, "shop-app", "PostgreSQL");
    const noClient = await runOneOff(world.client, "osc-secnum-fr1", "shop-app", RECIPE.replace("dbclient-fetcher pgsql && ", ""), { BACKUP_URL: url });
    assert.ok(noClient.includes("bash: pg_restore: command not found"), noClient.join("\n"));
    world.sim.failAsync({ kind: "restore", app: "shop-app", times: 1, message: "could not connect to the server" });
    const scripted = await runOneOff(world.client, "osc-secnum-fr1", "shop-app", RECIPE, { BACKUP_URL: url });
    assert.ok(scripted.includes("pg_restore: error: could not connect to the server"), scripted.join("\n"));
    const other = await runOneOff(world.client, "osc-secnum-fr1", "shop-app", "rake db:migrate; echo done");
    assert.deepEqual(other.slice(1), ["rake: ran (the simulator does not model this command)", "done", "Process exited with status 0"]);
  });

  it("refuses a one-off on a never-deployed app and over 10 at once (422)", async () => {
    await createApp(world.client, "osc-secnum-fr1", "bare-app");
    assert.equal((await world.client.post("osc-secnum-fr1", "/v1/apps/bare-app/run", { command: "true", detached: true })).status, 422);
    world.sim.setAsyncTimings({ oneOff: 5_000 });
    for (let i = 0; i < 10; i++) assert.equal((await world.client.post("osc-secnum-fr1", "/v1/apps/shop-app/run", { command: "sleep 1", detached: true })).status, 200);
    assert.equal((await world.client.post("osc-secnum-fr1", "/v1/apps/shop-app/run", { command: "sleep 1", detached: true })).status, 422);
  });
});
