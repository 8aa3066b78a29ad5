import assert from "node:assert/strict";
import { startSimulator, type Simulator } from "../../simulator";
import { defaultWorldFixtures } from "../../simulator";
import { send, sleep, TestClient } from "./support/test-client";

describe("simulator: rate limit", () => {
  let sim: Simulator | undefined;
  afterEach(() => sim?.close());

  it("answers the request over budget with a plain-text 429 'Retry later', then recovers", async () => {
    sim = await startSimulator({ port: 0, rateLimitPerMinute: 4, rateLimitWindowMs: 400 });
    const client = new TestClient(sim);
    await client.token(); // the exchange counts: 1
    for (let i = 0; i < 3; i++) assert.equal((await client.get("osc-fr1", "/v1/apps/my-app")).status, 200);
    const limited = await client.get("osc-fr1", "/v1/apps/my-app");
    assert.equal(limited.status, 429);
    assert.equal(limited.text, "Retry later");
    assert.equal(limited.headers.get("content-type"), "text/plain");
    assert.equal(limited.headers.get("retry-after"), null);
    await sleep(450);
    assert.equal((await client.get("osc-fr1", "/v1/apps/my-app")).status, 200);
  });

  it("counts per account, not anonymous calls nor admin routes", async () => {
    const fixtures = defaultWorldFixtures();
    fixtures.accounts[1].apiTokens = ["tk-us-second"];
    sim = await startSimulator({ port: 0, fixtures, rateLimitPerMinute: 2, rateLimitWindowMs: 60_000 });
    const first = new TestClient(sim);
    await first.token();
    await first.get("osc-fr1", "/v1/apps");
    assert.equal((await first.get("osc-fr1", "/v1/apps")).status, 429);
    const second = new TestClient(sim, "tk-us-second");
    assert.equal((await second.get("osc-secnum-fr1", "/v1/apps/taken-name-app")).status, 200);
    for (let i = 0; i < 5; i++) {
      assert.equal((await send("GET", `${sim.authUrl}/v1/regions`)).status, 200);
      assert.equal((await send("GET", `${sim.authUrl}/_simulator/requests`)).status, 200);
    }
  });

  it("enforces 60 per minute by default and nothing with rateLimitPerMinute: 0", async () => {
    sim = await startSimulator({ port: 0 });
    const limited = new TestClient(sim);
    const statuses: number[] = [];
    await limited.token();
    for (let i = 0; i < 60; i++) statuses.push((await limited.get("osc-fr1", "/v1/apps/my-app")).status);
    assert.equal(statuses.filter((s) => s === 200).length, 59);
    assert.equal(statuses.at(-1), 429);
    await sim.close();

    sim = await startSimulator({ port: 0, rateLimitPerMinute: 0 });
    const unlimited = new TestClient(sim);
    for (let i = 0; i < 80; i++) assert.equal((await unlimited.get("osc-fr1", "/v1/apps/my-app")).status, 200);
  });
});
