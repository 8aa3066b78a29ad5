import assert from "node:assert/strict";
import { decodeJwt } from "jose";
import { DEFAULT_API_TOKEN, startSimulator, type Simulator } from "../../simulator";
import { basic, send, sleep, TestClient, simulatorWorld } from "./support/test-client";

describe("simulator: auth service and regions", () => {
  const world = simulatorWorld("suite");

  describe("POST /v1/tokens/exchange", () => {
    it("exchanges the API token (Basic, empty user) for a JWT with exp, iat and uid", async () => {
      const answer = await send("POST", `${world.sim.authUrl}/v1/tokens/exchange`, {}, basic("", DEFAULT_API_TOKEN));
      assert.equal(answer.status, 200);
      const token: string = answer.body.token;
      assert.equal(token.split(".").length, 3);
      const claims = decodeJwt(token);
      assert.equal(typeof claims.uid, "string");
      assert.equal(typeof claims.iat, "number");
      assert.equal(claims.exp, (claims.iat as number) + 3600);
    });

    it("gives distinct tokens to two exchanges in the same second", async () => {
      assert.notEqual(await world.client.exchange(), await world.client.exchange());
    });

    it("refuses an unknown API token with 401 and does not echo it", async () => {
      const answer = await send("POST", `${world.sim.authUrl}/v1/tokens/exchange`, {}, basic("", "tk-us-wrong-secret"));
      assert.equal(answer.status, 401);
      assert.equal(typeof answer.body.error, "string");
      assert.ok(!answer.text.includes("tk-us-wrong-secret"));
    });

    it("refuses a request without Basic credentials or with the token as user name", async () => {
      const none = await send("POST", `${world.sim.authUrl}/v1/tokens/exchange`, {});
      assert.equal(none.status, 401);
      const asUser = await send("POST", `${world.sim.authUrl}/v1/tokens/exchange`, {}, basic(DEFAULT_API_TOKEN, ""));
      assert.equal(asUser.status, 401);
      assert.match(asUser.body.error, /user name must be empty/);
    });

    it("refuses a body that is not JSON with 400", async () => {
      const answer = await send("POST", `${world.sim.authUrl}/v1/tokens/exchange`, "{nope", basic("", DEFAULT_API_TOKEN));
      assert.equal(answer.status, 400);
      assert.equal(typeof answer.body.error, "string");
    });
  });

  describe("GET /v1/regions", () => {
    it("lists only public regions without a token", async () => {
      const answer = await send("GET", `${world.sim.authUrl}/v1/regions`);
      assert.equal(answer.status, 200);
      assert.deepEqual(
        answer.body.regions.map((r: { name: string }) => r.name),
        ["osc-fr1"],
      );
    });

    it("lists every region with a bearer, each with its API under this server", async () => {
      const answer = await send("GET", `${world.sim.authUrl}/v1/regions`, undefined, { authorization: `Bearer ${await world.client.token()}` });
      assert.equal(answer.status, 200);
      const [fr1, secnum] = answer.body.regions;
      assert.deepEqual(fr1, {
        name: "osc-fr1",
        display_name: "Paris - Outscale",
        api: `${world.sim.authUrl}/osc-fr1`,
        dashboard: "https://dashboard.scalingo.com",
        // go-scalingo finds the Database API here: it must be this server (paths /api/…).
        database_api: `${world.sim.authUrl}/osc-fr1`,
        ssh: "ssh.osc-fr1.scalingo.com:22",
        default: true,
      });
      assert.equal(secnum.name, "osc-secnum-fr1");
      assert.equal(secnum.display_name, "Paris - SecNumCloud - Outscale");
      assert.equal(secnum.default, false);
      assert.equal(world.sim.regionApiUrl("osc-secnum-fr1"), secnum.api);
    });

    it("answers 401 to a bearer that is not one of its tokens", async () => {
      const answer = await send("GET", `${world.sim.authUrl}/v1/regions`, undefined, { authorization: "Bearer a.b.c" });
      assert.equal(answer.status, 401);
    });
  });

  describe("bearer on region APIs", () => {
    it("answers 401 without a bearer, with a forged one, and with Basic", async () => {
      const url = `${world.sim.regionApiUrl("osc-fr1")}/v1/apps/my-app`;
      assert.equal((await send("GET", url)).status, 401);
      const forged = (await world.client.token()).replace(/\.[^.]+$/, ".c2lnbmF0dXJl");
      assert.equal((await send("GET", url, undefined, { authorization: `Bearer ${forged}` })).status, 401);
      assert.equal((await send("GET", url, undefined, basic("", DEFAULT_API_TOKEN))).status, 401);
    });

    it("never writes a token into the request log", async () => {
      const token = await world.client.token();
      await world.client.get("osc-fr1", "/v1/apps/my-app");
      const log = JSON.stringify(world.sim.requests());
      assert.ok(!log.includes(token));
      assert.ok(!log.includes(DEFAULT_API_TOKEN));
    });
  });

  describe("JWT expiry", () => {
    let shortLived: Simulator;
    before(async () => {
      shortLived = await startSimulator({ port: 0, jwtTtlSeconds: 2 });
    });
    after(() => shortLived.close());

    it("accepts a fresh bearer and refuses it with 401 once expired", async () => {
      const expiring = new TestClient(shortLived);
      assert.equal((await expiring.get("osc-fr1", "/v1/apps/my-app")).status, 200);
      await sleep(2100);
      const answer = await expiring.get("osc-fr1", "/v1/apps/my-app");
      assert.equal(answer.status, 401);
      assert.equal(answer.body.error, "token expired");
    });
  });
});
