import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startSimulator, type Simulator } from "../../simulator";
import { addonOf, dbApi, until } from "./support/public-api";
import { send, TestClient } from "./support/test-client";

describe("simulator: public API under the admin API, request log, faults, rate limit and --state", () => {
  let sim: Simulator | undefined;
  let dir: string;
  const admin = (path: string) => `${sim!.authUrl}/_simulator${path}`;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "scalingo-sim-public-"));
  });
  afterEach(async () => {
    await sim?.close();
    sim = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  it("shows an app's whole shape with each database's digest, and writes data into a database", async () => {
    sim = await startSimulator({ port: 0 });
    const shape = (await send("GET", admin("/apps/osc-fr1/shop-app"))).body.app;
    assert.deepEqual(shape.addons.map((a: { provider_id: string; digest: string | null }) => [a.provider_id, typeof a.digest]), [["postgresql", "string"], ["redis", "string"]]);
    assert.deepEqual(shape.formation.map((f: { name: string }) => f.name), ["web", "worker"]);
    assert.equal(shape.scm.repo, "shop");
    assert.equal(shape.alerts.length, 3);
    assert.equal((await send("GET", admin("/apps/osc-fr1/nope"))).status, 404);
    const before = (await send("GET", admin("/apps/osc-fr1/shop-app/addons/postgresql/data"))).body;
    assert.equal(before.documents.length, 3);
    const written = await send("PUT", admin("/apps/osc-fr1/shop-app/addons/postgresql/data"), { documents: [{ id: "a", fields: { n: 1 } }] });
    assert.equal(written.status, 200);
    assert.notEqual(written.body.digest, before.digest);
    assert.equal(sim.database("osc-fr1", "shop-app", "postgresql").digest, written.body.digest);
    assert.equal((await send("PUT", admin("/apps/osc-fr1/shop-app/addons/postgresql/data"), { documents: [{ id: "a", nope: 1 }] })).status, 400);
    assert.equal((await send("GET", admin("/apps/osc-fr1/git-push-app/addons/nope/data"))).status, 404);
  });

  it("scripts failures and timings of the asynchronous jobs through the admin API", async () => {
    sim = await startSimulator({ port: 0 });
    const set = await send("POST", admin("/async-failures"), { failures: [{ kind: "deploy", app: "shop-app", times: 2 }] });
    assert.deepEqual(set.body.failures, [{ kind: "deploy", app: "shop-app", times: 2 }]);
    assert.equal((await send("POST", admin("/async-failures"), { failures: [{ kind: "explode" }] })).status, 400);
    assert.equal((await send("DELETE", admin("/async-failures"))).status, 204);
    const timings = await send("POST", admin("/async-timings"), { backup: 1234 });
    assert.equal(timings.body.asyncTimings.backup, 1234);
    assert.equal((await send("POST", admin("/async-timings"), { nope: 1 })).status, 400);
    assert.equal((await send("POST", admin("/reset"))).status, 204);
    assert.equal((await send("GET", admin("/async-timings"))).body.asyncTimings.backup, 80);
  });

  it("logs, faults and rate-limits the new routes as the old ones, Database API and storage included", async () => {
    sim = await startSimulator({ port: 0, rateLimitPerMinute: 0 });
    const client = new TestClient(sim);
    const pg = await addonOf(client, "osc-fr1", "shop-app", "PostgreSQL");
    sim.setFaults([{ method: "POST", path: "/api/databases/*/backups", status: 503, count: 1 }]);
    const faulted = await dbApi(client, "osc-fr1", "shop-app", pg.id, "POST", `/databases/${pg.id}/backups`);
    assert.equal(faulted.status, 503);
    const created = await dbApi(client, "osc-fr1", "shop-app", pg.id, "POST", `/databases/${pg.id}/backups`);
    assert.equal(created.status, 201);
    const log = sim.requests();
    assert.deepEqual(
      log.filter((r) => r.path.startsWith("/api/")).map((r) => [r.method, r.path, r.status, r.region, r.fault ?? null]),
      [
        ["POST", `/api/databases/${pg.id}/backups`, 503, "osc-fr1", "error"],
        ["POST", `/api/databases/${pg.id}/backups`, 201, "osc-fr1", null],
      ],
    );
    assert.ok(log.some((r) => r.path === `/v1/apps/shop-app/addons/${pg.id}/token` && r.status === 200));
    const source = (await client.post("osc-fr1", "/v1/sources", {})).body.source;
    await fetch(source.download_url);
    assert.deepEqual(sim.requests().at(-1), { ...sim.requests().at(-1)!, method: "GET", path: `/_storage/sources/${new URL(source.download_url).pathname.split("/").pop()}`, status: 404, region: null });
    assert.ok(!JSON.stringify(sim.requests()).includes("signature"), "no query string in the log");
    await sim.close();

    sim = await startSimulator({ port: 0, rateLimitPerMinute: 3, rateLimitWindowMs: 60_000 });
    const limited = new TestClient(sim);
    await limited.token();
    const redis = await addonOf(limited, "osc-fr1", "shop-app", "Redis");
    // Exchange, addons list, addon token: 3; the Database API call is the 4th, over budget.
    const tooMany = await dbApi(limited, "osc-fr1", "shop-app", redis.id, "GET", `/databases/${redis.id}`);
    assert.deepEqual([tooMany.status, tooMany.text], [429, "Retry later"]);
  });

  it("resumes a backup and a scale operation in flight after a --state restart", async () => {
    const statePath = join(dir, "state.json");
    sim = await startSimulator({ port: 0, statePath, asyncTimings: { backup: 600, operation: 600 } });
    const client = new TestClient(sim);
    const pg = await addonOf(client, "osc-fr1", "shop-app", "PostgreSQL");
    const backup = (await dbApi(client, "osc-fr1", "shop-app", pg.id, "POST", `/databases/${pg.id}/backups`)).body.database_backup;
    const scaled = await client.post("osc-fr1", "/v1/apps/shop-app/scale", { containers: [{ name: "worker", amount: 2 }] });
    assert.equal(scaled.status, 202);
    await sim.close();

    sim = await startSimulator({ port: 0, statePath, asyncTimings: { backup: 600, operation: 600 } });
    const again = new TestClient(sim);
    const path = new URL(scaled.headers.get("location")!).pathname.replace(/^\/osc-fr1/, "");
    await until(async () => (await again.get("osc-fr1", path)).body.operation.status, (s) => s === "done");
    await until(async () => (await dbApi(again, "osc-fr1", "shop-app", pg.id, "GET", `/backups/${backup.id}`)).body.database_backup.status, (s) => s === "done");
    assert.equal(sim.app("osc-fr1", "shop-app")!.status, "running");
  });
});
