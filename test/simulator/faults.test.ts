import assert from "node:assert/strict";
import { startSimulator, type Simulator } from "../../simulator";
import { send, TestClient } from "./support/test-client";

const CREATE_PATH = "/v1/apps/*/region_migrations";
const CREATE_BODY = { migration: { destination: "osc-secnum-fr1", dst_app_name: "" } };

describe("simulator: fault injection", () => {
  let sim: Simulator;
  let client: TestClient;

  beforeEach(async () => {
    sim = await startSimulator({ port: 0, rateLimitPerMinute: 0 });
    client = new TestClient(sim);
    await client.token();
  });
  afterEach(() => sim.close());

  it("answers a gateway error on the next N matching requests without handling them", async () => {
    sim.setFaults([{ method: "POST", path: CREATE_PATH, status: 502, count: 2 }]);
    for (let i = 0; i < 2; i++) {
      const answer = await client.post("osc-fr1", "/v1/apps/my-app/region_migrations", CREATE_BODY);
      assert.equal(answer.status, 502);
      assert.match(answer.headers.get("content-type") ?? "", /text\/html/);
      assert.match(answer.text, /502 Bad Gateway/);
    }
    assert.deepEqual(sim.migrations(), []);
    assert.equal((await client.post("osc-fr1", "/v1/apps/my-app/region_migrations", CREATE_BODY)).status, 201);
    assert.deepEqual(
      sim.requests().slice(-3).map((r) => [r.status, r.fault ?? null]),
      [
        [502, "error"],
        [502, "error"],
        [201, null],
      ],
    );
  });

  it("serves a JSON 500 body by default, or the body given", async () => {
    sim.setFaults([{ path: "/v1/apps/my-app", status: 500, count: 1 }, { path: "/v1/apps/my-app-2", status: 503, body: { error: "maintenance" } }]);
    const internal = await client.get("osc-fr1", "/v1/apps/my-app");
    assert.deepEqual([internal.status, internal.body], [500, { error: "Internal error occured, we're on it!" }]);
    const custom = await client.get("osc-fr1", "/v1/apps/my-app-2");
    assert.deepEqual([custom.status, custom.body], [503, { error: "maintenance" }]);
  });

  it("hits about `rate` of the matching requests", async () => {
    sim.setFaults([{ method: "GET", path: "/v1/apps/*", rate: 0.5, status: 503 }]);
    const statuses = await Promise.all(Array.from({ length: 200 }, () => client.get("osc-fr1", "/v1/apps/my-app")));
    const failed = statuses.filter((a) => a.status === 503).length;
    assert.ok(failed > 60 && failed < 140, `${failed} of 200 failed`);
    assert.equal(failed + statuses.filter((a) => a.status === 200).length, 200);
  });

  it("adds latency", async () => {
    sim.setFaults([{ region: "osc-fr1", latencyMs: 250 }]);
    const started = Date.now();
    assert.equal((await client.get("osc-fr1", "/v1/apps/my-app")).status, 200);
    assert.ok(Date.now() - started >= 240);
    const fast = Date.now();
    await send("GET", `${sim.authUrl}/v1/regions`);
    assert.ok(Date.now() - fast < 200, "only the osc-fr1 region is slow");
    assert.equal(sim.requests().find((r) => r.region === "osc-fr1")?.fault, "latency");
  });

  it("drops the connection before handling: the client fails, nothing was created", async () => {
    sim.setFaults([{ method: "POST", path: CREATE_PATH, drop: "before", count: 1 }]);
    await assert.rejects(client.post("osc-fr1", "/v1/apps/my-app/region_migrations", CREATE_BODY));
    assert.deepEqual(sim.migrations(), []);
    assert.equal(sim.requests().at(-1)?.status, 0);
    assert.equal(sim.requests().at(-1)?.fault, "drop-before");
  });

  it("drops the connection after handling: the client fails, but the migration exists", async () => {
    sim.setFaults([{ method: "POST", path: CREATE_PATH, drop: "after", count: 1 }]);
    await assert.rejects(client.post("osc-fr1", "/v1/apps/my-app/region_migrations", CREATE_BODY));
    assert.equal(sim.migrations("my-app").length, 1);
    assert.deepEqual([sim.requests().at(-1)?.status, sim.requests().at(-1)?.fault], [201, "drop-after"]);
    const list = await client.get("osc-fr1", "/v1/apps/my-app/region_migrations");
    assert.equal(list.body.length, 1);
  });

  it("can answer an error after handling (processFirst): a run that happened anyway", async () => {
    const { id } = await client.createMigration("my-app");
    sim.setFaults([{ path: "^/v1/apps/[^/]+/region_migrations/[^/]+/run$", status: 504, processFirst: true, count: 1 }]);
    assert.equal((await client.run("my-app", id, "preflight")).status, 504);
    assert.equal((await client.waitUntilEnded("my-app", id)).status, "preflight-success");
  });

  it("targets the auth service with region: null", async () => {
    sim.setFaults([{ region: null, status: 503 }]);
    assert.equal((await send("GET", `${sim.authUrl}/v1/regions`)).status, 503);
    assert.equal((await client.get("osc-fr1", "/v1/apps/my-app")).status, 200);
  });

  it("is driven through /_simulator/faults too", async () => {
    const url = `${sim.authUrl}/_simulator/faults`;
    const set = await send("POST", url, { faults: [{ method: "GET", path: "/v1/apps/my-app", status: 500, count: 3 }] });
    assert.equal(set.status, 200);
    assert.equal(set.body.faults[0].count, 3);
    assert.equal((await client.get("osc-fr1", "/v1/apps/my-app")).status, 500);
    assert.equal((await send("GET", url)).body.faults[0].count, 2);
    assert.equal((await send("DELETE", url)).status, 204);
    assert.equal((await client.get("osc-fr1", "/v1/apps/my-app")).status, 200);
    const invalid = await send("POST", url, { faults: [{ drop: "sideways" }] });
    assert.equal(invalid.status, 400);
    assert.match(invalid.body.error, /drop/);
  });
});
