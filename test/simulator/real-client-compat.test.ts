import assert from "node:assert/strict";
import { startSimulator, type Simulator } from "../../simulator";
import { send, TestClient } from "./support/test-client";

/**
 * What the real Scalingo CLI (1.34.0) and go-scalingo (v7.0.2) needed from the simulator
 * beyond the migration contract, found by driving them against it (see simulator/README.md,
 * "Contract notes").
 */
describe("simulator: what the real Scalingo clients expect", () => {
  let sim: Simulator;
  let client: TestClient;

  before(async () => {
    sim = await startSimulator({ port: 0, rateLimitPerMinute: 0 });
    client = new TestClient(sim);
  });
  after(() => sim.close());

  it("answers GET /v1/users/self? with the caller, as go-scalingo's Self parses it", async () => {
    const answer = await send("GET", `${sim.authUrl}/v1/users/self?`, undefined, { authorization: `Bearer ${await client.token()}` });
    assert.equal(answer.status, 200);
    assert.deepEqual(answer.body, {
      user: { id: "us-6f1c2a4e-0b7d-4c3e-9a51-2d8e7f604b11", username: "demo", fullname: "demo", email: "demo@example.com", flags: {} },
    });
  });

  it("refuses /v1/users/self without a bearer token", async () => {
    const answer = await send("GET", `${sim.authUrl}/v1/users/self`);
    assert.equal(answer.status, 401);
    assert.equal(typeof answer.body.error, "string");
  });

  it("says which domains use their Let's Encrypt certificate (letsencrypt), as the CLI displays it", async () => {
    const generated = await client.get("osc-fr1", "/v1/apps/my-app/domains?");
    assert.equal(generated.body.domains[0].letsencrypt, true);
    const uploaded = await client.get("osc-fr1", "/v1/apps/expired-cert-app/domains?");
    assert.equal(uploaded.body.domains[0].letsencrypt_enabled, false);
    assert.equal(uploaded.body.domains[0].letsencrypt, false);
  });
});
