import * as assert from "node:assert/strict";
import { ScalingoValidationError } from "../../provider/client";
import { backupSettled } from "../../provider/client/public";
import { everything, publicWorld, until } from "./support/public-world";

describe("public API client: the Database API (addon tokens, backups)", function () {
  this.timeout(20_000);
  const world = publicWorld();
  const postgres = async () => (await world.src.addons.list("shop-app")).find((a) => a.provider.name === "PostgreSQL")!;
  const tokenRequests = () => world.sim.requests().filter((r) => r.method === "POST" && /\/addons\/[^/]+\/token$/.test(r.path));

  it("shows a database and its version", async () => {
    const addon = await postgres();
    const database = await world.src.databases.show("shop-app", addon.id);
    assert.equal(database.typeName, "postgresql");
    assert.equal(database.readableVersion, "14.11.0");
    assert.equal(database.status, "running");
    const version = await world.src.databases.version("shop-app", addon.id, database.versionId);
    assert.deepEqual([version.major, version.minor, version.patch], [14, 11, 0]);
    const dbCalls = world.sim.requests().filter((r) => r.path.startsWith("/api/"));
    assert.equal(dbCalls.length, 2);
    assert.ok(dbCalls.every((r) => r.region === "osc-fr1" && r.status === 200));
  });

  it("backs up: scheduled, polled to done, listed, then a pre-signed archive URL (a Secret)", async () => {
    const addon = await postgres();
    const created = await world.src.databases.createBackup("shop-app", addon.id);
    assert.equal(created.status, "scheduled");
    await assert.rejects(world.src.databases.archiveUrl("shop-app", addon.id, created.id), ScalingoValidationError, "no archive before it is done");
    const done = await until(() => world.src.databases.showBackup("shop-app", addon.id, created.id), backupSettled);
    assert.equal(done.status, "done");
    assert.equal((await world.src.databases.listBackups("shop-app", addon.id))[0]?.id, created.id);
    const url = await world.src.databases.archiveUrl("shop-app", addon.id, created.id);
    assert.match(url.reveal(), /^http:\/\/127\.0\.0\.1:\d+\/_storage\/backups\/.+signature=/);
    assert.ok(!everything(url).includes("signature"));
    const archive = await fetch(url.reveal());
    assert.equal(archive.status, 200);
    assert.equal(archive.headers.get("content-type"), "application/x-gzip");
  });

  it("sees a failed backup as status error", async () => {
    world.sim.failAsync({ kind: "backup", app: "shop-app", times: 1 });
    const addon = await postgres();
    const created = await world.src.databases.createBackup("shop-app", addon.id);
    assert.equal((await until(() => world.src.databases.showBackup("shop-app", addon.id, created.id), backupSettled)).status, "error");
  });

  it("asks for one addon token per addon and keeps it while it is valid", async () => {
    const [pg, redis] = await world.src.addons.list("shop-app");
    await Promise.all([world.src.databases.show("shop-app", pg!.id), world.src.databases.listBackups("shop-app", pg!.id)]);
    await world.src.databases.show("shop-app", pg!.id);
    await world.src.databases.show("shop-app", redis!.id);
    assert.equal(tokenRequests().length, 2, "one token for PostgreSQL (concurrent callers share it), one for Redis");
  });

  it("replaces a token the Database API refuses, once", async () => {
    const addon = await postgres();
    await world.src.databases.show("shop-app", addon.id);
    world.sim.setFaults([{ path: "/api/databases/*", status: 401, body: { error: "token expired" }, count: 1 }]);
    const database = await world.src.databases.show("shop-app", addon.id);
    assert.equal(database.id, addon.id);
    assert.equal(tokenRequests().length, 2);
  });

  it("asks again for a token that expires within five minutes (short-lived tokens are not kept)", async () => {
    await world.sim.close();
    const { startSimulator, DEFAULT_API_TOKEN } = await import("../../simulator");
    const { PublicApi } = await import("../../provider/client/public");
    const sim = await startSimulator({ port: 0, rateLimitPerMinute: 0, jwtTtlSeconds: 120 });
    try {
      const api = new PublicApi({ apiToken: DEFAULT_API_TOKEN, authUrl: sim.authUrl });
      const addon = (await api.region("osc-fr1").addons.list("shop-app"))[0]!;
      await api.region("osc-fr1").databases.show("shop-app", addon.id);
      await api.region("osc-fr1").databases.show("shop-app", addon.id);
      assert.equal(sim.requests().filter((r) => r.path.endsWith("/token")).length, 2);
    } finally {
      await sim.close();
    }
  });
});
