import * as assert from "node:assert/strict";
import { backupSettled, operationSettled } from "../../provider/client/public";
import { deployedApp, everything, publicWorld, until } from "./support/public-world";

const RECIPE =
  'dbclient-fetcher pgsql && curl -sSf -o /tmp/backup.tar.gz "$BACKUP_URL" && tar xzf /tmp/backup.tar.gz -C /tmp && ' +
  'pg_restore --clean --if-exists --no-owner --no-privileges --no-comments --dbname "$SCALINGO_POSTGRESQL_URL" /tmp/*/*.pgsql && echo RESTORE-OK';

describe("public API client: detached one-offs, logs, events", function () {
  this.timeout(20_000);
  const world = publicWorld();

  it("restores a source backup into the destination from a detached one-off, confirmed from the logs", async () => {
    await deployedApp(world.dst, "shop-app");
    const providers = await world.dst.catalogues.addonProviders();
    const pg = providers.find((p) => p.name === "PostgreSQL")!;
    const target = (await world.dst.addons.provision("shop-app", { providerId: pg.id, planId: pg.plans[0]!.id })).addon;
    await until(() => world.dst.addons.show("shop-app", target.id), (a) => a.status === "running");

    const source = (await world.src.addons.list("shop-app")).find((a) => a.provider.name === "PostgreSQL")!;
    const backup = await world.src.databases.createBackup("shop-app", source.id);
    await until(() => world.src.databases.showBackup("shop-app", source.id, backup.id), backupSettled);
    const url = await world.src.databases.archiveUrl("shop-app", source.id, backup.id);

    const started = await world.dst.oneOffs.runDetached("shop-app", { command: RECIPE, env: { BACKUP_URL: url } });
    assert.match(started.label, /^one-off-\d+$/);
    assert.ok(started.operation);
    const op = await until(() => world.dst.operations.show(started.operation!), operationSettled);
    assert.deepEqual([op.type, op.status, op.containerId], ["start-one-off", "done", started.containerId]);
    const lines = await until(
      () => world.dst.logs.lines("shop-app", { filter: started.label }),
      (l) => l.some((line) => /Process exited with status \d+/.test(line)),
    );
    assert.ok(lines.some((line) => line.endsWith("RESTORE-OK")), lines.join("\n"));
    assert.equal(world.sim.database("osc-secnum-fr1", "shop-app", "postgresql").digest, world.sim.database("osc-fr1", "shop-app", "postgresql").digest);

    const events = await world.dst.events.list("shop-app");
    assert.equal(events.items[0]!.type, "run");
    assert.ok(!everything(events).includes("signature="), "the URL went in the env, which no event shows");
    assert.ok(!everything(await world.dst.logs.url("shop-app")).includes("token="), "the logs URL is a Secret");
  });

  it("reads the last lines only", async () => {
    await deployedApp(world.dst, "fresh-app");
    for (let i = 1; i <= 3; i++) await world.dst.oneOffs.runDetached("fresh-app", { command: `echo line-${i}` });
    await until(() => world.dst.logs.lines("fresh-app"), (l) => l.filter((line) => line.includes("Process exited")).length === 3);
    const last = await world.dst.logs.lines("fresh-app", { lines: 2 });
    assert.equal(last.length, 2);
    assert.match(last[1]!, /Process exited with status 0/);
  });

  it("reads events since a time, following pages only as far back as needed", async () => {
    const since = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 5));
    await world.src.variables.setMany("shop-app", [{ name: "A", value: "1" }]);
    await world.src.variables.setMany("shop-app", [{ name: "B", value: "2" }]);
    await world.src.variables.setMany("shop-app", [{ name: "C", value: "3" }]);
    world.sim.clearRequests();
    const recent = await world.src.events.since("shop-app", since, { perPage: 2 });
    assert.deepEqual(recent.map((e) => e.type), ["edit_variables", "edit_variables", "edit_variables"]);
    assert.ok(!everything(recent).includes('"1"'));
    const pages = world.sim.requests().filter((r) => r.path === "/v1/apps/shop-app/events");
    assert.equal(pages.length, 2, "the second page reached back past `since`: no third request");
    const all = await world.src.events.list("shop-app", { perPage: 2 });
    assert.deepEqual([all.currentPage, all.nextPage], [1, 2]);
    assert.ok(all.totalCount > 3);
    await assert.rejects(world.src.events.since("shop-app", "yesterday"), RangeError);
  });
});
