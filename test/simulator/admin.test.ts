import assert from "node:assert/strict";
import { startSimulator, type Simulator } from "../../simulator";
import { basic, send, sleep, TestClient } from "./support/test-client";

describe("simulator: /_simulator/ admin routes", () => {
  let sim: Simulator;
  let client: TestClient;
  const admin = (path: string) => `${sim.authUrl}/_simulator${path}`;

  beforeEach(async () => {
    sim = await startSimulator({ port: 0 });
    client = new TestClient(sim);
  });
  afterEach(() => sim.close());

  it("logs requests without query, headers or tokens; admin calls are not logged", async () => {
    await client.token();
    await client.get("osc-fr1", "/v1/apps/my-app?");
    await client.delete("osc-fr1", "/v1/apps/fleet-app-09?current_name=fleet-app-09");
    const answer = await send("GET", admin("/requests"));
    assert.equal(answer.status, 200);
    const [exchange, show, remove] = answer.body.requests;
    assert.deepEqual(Object.keys(exchange).sort(), ["durationMs", "method", "path", "region", "status", "time"]);
    assert.deepEqual([exchange.method, exchange.path, exchange.status, exchange.region], ["POST", "/v1/tokens/exchange", 200, null]);
    assert.deepEqual([show.method, show.path, show.status, show.region], ["GET", "/v1/apps/my-app", 200, "osc-fr1"]);
    assert.deepEqual([remove.path, remove.status], ["/v1/apps/fleet-app-09", 204]);
    assert.ok(!Number.isNaN(Date.parse(show.time)));
    assert.equal(typeof show.durationMs, "number");
    assert.equal(answer.body.requests.length, 3);
    assert.deepEqual(sim.requests(), answer.body.requests);

    assert.equal((await send("DELETE", admin("/requests"))).status, 204);
    assert.deepEqual(sim.requests(), []);
  });

  it("shows apps and migrations in /state", async () => {
    const { id } = await client.createMigration("my-app");
    const state = (await send("GET", admin("/state"))).body;
    assert.equal(state.migrations.length, 1);
    assert.equal(state.migrations[0].id, id);
    const app = state.apps.find((a: { name: string; region: string }) => a.name === "my-app" && a.region === "osc-fr1");
    assert.equal(app.addons.length, 2);
    assert.ok(!JSON.stringify(state).includes("tk-us-demo"), "no API token in the state view");
  });

  it("changes step durations, refusing unknown steps", async () => {
    const set = await send("POST", admin("/step-durations"), { preflight: 700 });
    assert.equal(set.status, 200);
    assert.equal(set.body.stepDurations.preflight, 700);
    const { id } = await client.createMigration("my-app");
    const started = Date.now();
    await client.runAndWait("my-app", id, "preflight");
    assert.ok(Date.now() - started >= 650);
    assert.equal((await send("POST", admin("/step-durations"), { teleport: 1 })).status, 400);
    assert.equal((await send("POST", admin("/step-durations"), { data: -1 })).status, 400);
  });

  it("shortens a running sub-step when durations change", async () => {
    sim.setStepDurations({ preflight: 60_000 });
    const { id } = await client.createMigration("my-app");
    await client.run("my-app", id, "preflight");
    await send("POST", admin("/step-durations"), { preflight: 50 });
    assert.equal((await client.waitUntilEnded("my-app", id, 2000)).status, "preflight-success");
  });

  it("resets to the initial world", async () => {
    await client.delete("osc-fr1", "/v1/apps/fleet-app-10?current_name=fleet-app-10");
    await client.createMigration("my-app");
    sim.setFaults([{ path: "/v1/regions", status: 500 }]);
    assert.equal((await send("POST", admin("/reset"))).status, 204);
    assert.ok(sim.app("osc-fr1", "fleet-app-10"));
    assert.deepEqual(sim.migrations(), []);
    assert.deepEqual(sim.requests(), []);
    assert.equal((await send("GET", `${sim.authUrl}/v1/regions`)).status, 200);
    assert.equal((await client.get("osc-fr1", "/v1/apps/my-app")).status, 200, "bearer tokens stay valid");
  });

  it("keeps no whole requests unless asked (they hold credentials)", async () => {
    await client.token();
    assert.throws(() => sim.capturedRequests(), /captureRequests/);
    assert.equal((await send("GET", admin("/captured-requests"))).status, 409);
  });

  it("with captureRequests, keeps each request whole: URL with query, headers, both bodies", async () => {
    await sim.close();
    sim = await startSimulator({ port: 0, captureRequests: true });
    client = new TestClient(sim);
    const bearer = await client.token();
    const created = await client.createMigration("my-app");
    await client.delete("osc-fr1", "/v1/apps/fleet-app-09?current_name=fleet-app-09");
    const [exchange, create, remove] = sim.capturedRequests();
    assert.equal(exchange!.headers.authorization, basic("", "tk-us-demo").authorization);
    assert.equal(JSON.parse(exchange!.responseBody).token, bearer);
    assert.deepEqual([create!.method, create!.url, create!.status], ["POST", "/osc-fr1/v1/apps/my-app/region_migrations", 201]);
    assert.equal(create!.headers.authorization, `Bearer ${bearer}`);
    assert.deepEqual(JSON.parse(create!.body), { migration: { destination: "osc-secnum-fr1", dst_app_name: "" } });
    assert.equal(JSON.parse(create!.responseBody).id, created.id);
    assert.deepEqual([remove!.url, remove!.status, remove!.responseBody], ["/osc-fr1/v1/apps/fleet-app-09?current_name=fleet-app-09", 204, ""]);
    assert.deepEqual((await send("GET", admin("/captured-requests"))).body.requests, sim.capturedRequests());
    sim.clearRequests();
    assert.deepEqual(sim.capturedRequests(), []);
  });

  it("marks a request whose client hung up before the answer (its timeout)", async () => {
    const bearer = await client.token();
    sim.setFaults([{ path: "/v1/apps/my-app", latencyMs: 400 }]);
    const url = `${sim.regionApiUrl("osc-fr1")}/v1/apps/my-app`;
    await assert.rejects(fetch(url, { headers: { authorization: `Bearer ${bearer}` }, signal: AbortSignal.timeout(100) }));
    await fetch(`${sim.regionApiUrl("osc-fr1")}/v1/apps/my-app-2`, { headers: { authorization: `Bearer ${bearer}` } });
    await sleep(500);
    // Logged when answered: the delayed request comes last.
    const [, answered, gone] = sim.requests();
    assert.deepEqual([gone!.path, gone!.fault, gone!.abandoned], ["/v1/apps/my-app", "latency", true]);
    assert.deepEqual([answered!.path, answered!.abandoned], ["/v1/apps/my-app-2", undefined]);
  });

  it("answers 404 for an unknown admin route", async () => {
    assert.equal((await send("GET", admin("/nothing"))).status, 404);
  });
});
