import * as assert from "node:assert/strict";
import { ScalingoClient, ScalingoConfigError, ScalingoHttpError } from "../../provider/client";
import { requireSameOwner } from "../../provider/client/url-safety";
import { startHostileServer, type HostileServer } from "./support/hostile-server";
import { guardLoopbackOnly, type LoopbackGuard } from "./support/loopback-guard";
import { driveWithProvider, sharedProvider } from "./support/provider-driver";
import { declaration } from "./support/declarations";

const API_TOKEN = "tk-us-destinations-0123456789";

/**
 * Credentials go only to the auth service and to the region APIs it lists, over TLS unless on
 * this machine. Every refusal must come before any connection: a guard on this process's
 * sockets records (and blocks) any attempt to leave loopback, and must record none.
 */
describe("reliability: bearer tokens only go where they belong", function () {
  this.timeout(30_000);
  let guard: LoopbackGuard;
  const servers: HostileServer[] = [];

  beforeEach(() => {
    guard = guardLoopbackOnly();
  });
  afterEach(async () => {
    guard.restore();
    await Promise.all(servers.splice(0).map((s) => s.close()));
    assert.deepEqual(guard.refused, [], "something tried to connect outside this machine");
  });

  it("refuses SCALINGO_AUTH_URL=http://example.com before sending anything", () => {
    assert.throws(
      () => new ScalingoClient({ apiToken: API_TOKEN, authUrl: "http://example.com" }),
      (error: Error) => {
        assert.ok(error instanceof ScalingoConfigError);
        assert.equal(error.code, "insecure_url");
        assert.match(error.message, /SCALINGO_AUTH_URL must use https:\/\/ .*got 'http:\/\/example\.com'/);
        return true;
      },
    );
  });

  it("the provider's update fails with that message when the environment says http://example.com", async () => {
    const saved = process.env.SCALINGO_AUTH_URL;
    process.env.SCALINGO_AUTH_URL = "http://example.com";
    process.env.SCALINGO_API_TOKEN = API_TOKEN;
    try {
      await (await sharedProvider()).configure();
      const result = await driveWithProvider(declaration("my-app"));
      assert.ok(result.error instanceof Error, "the migration must not start");
      assert.match(result.error.message, /SCALINGO_AUTH_URL must use https:\/\//);
      assert.ok(!result.error.message.includes(API_TOKEN));
    } finally {
      process.env.SCALINGO_AUTH_URL = saved;
    }
  });

  for (const api of ["https://evil.example", "http://10.0.0.1", "https://127.0.0.1.evil.example"]) {
    it(`refuses a region list that points a region API at ${api}, before any request there`, async () => {
      const server = await startHostileServer({ regionApi: () => api, answer: () => ({ status: 200, body: {} }) });
      servers.push(server);
      const client = new ScalingoClient({ apiToken: API_TOKEN, authUrl: server.url, retries: 0 });
      await assert.rejects(client.getApp("osc-fr1", "my-app"), (error: Error) => {
        assert.ok(error instanceof ScalingoConfigError, error.message);
        assert.match(error.message, /the API URL of region osc-fr1 (points at|must use https)/);
        return true;
      });
      // The fake auth service saw the exchange and the region list, addressed to itself; nothing else.
      assert.deepEqual(server.requests.map((r) => `${r.method} ${r.path} ${r.authorization}`), ["POST /v1/tokens/exchange basic", "GET /v1/regions bearer"]);
      assert.ok(server.requests.every((r) => server.url.endsWith(r.host)));
    });
  }

  it("never follows a region API's redirect, so the bearer cannot be forwarded", async () => {
    const elsewhere = await startHostileServer({ answer: () => ({ status: 200, body: {} }) });
    servers.push(elsewhere);
    const server = await startHostileServer({ answer: () => ({ status: 307, headers: { location: `${elsewhere.url}/steal` } }) });
    servers.push(server);
    const client = new ScalingoClient({ apiToken: API_TOKEN, authUrl: server.url, retries: 0 });
    await assert.rejects(client.getApp("osc-fr1", "my-app"), (error: Error) => {
      assert.ok(error instanceof ScalingoHttpError && error.status === 307, error.message);
      return true;
    });
    assert.deepEqual(elsewhere.requests, []);
  });

  describe("which region API hosts belong with an auth service", () => {
    const CASES: [auth: string, api: string, belongs: boolean][] = [
      ["https://auth.scalingo.com", "https://api.osc-fr1.scalingo.com", true],
      ["https://auth.scalingo.com", "https://api.osc-secnum-fr1.scalingo.com", true],
      ["http://127.0.0.1:4000", "http://localhost:4001/osc-fr1", true],
      ["https://auth.scalingo.com", "https://evil.com", false],
      ["https://auth.scalingo.com", "https://scalingo.com.evil.com", false],
      ["https://auth.scalingo.com", "https://notscalingo.com", false],
      ["https://auth.scalingo.com", "https://127.0.0.1", false],
      ["http://127.0.0.1:4000", "https://api.osc-fr1.scalingo.com", false],
      // IP addresses have no registrable domain: their last two numbers say nothing of the owner.
      ["https://10.1.2.3", "https://99.7.2.3", false],
      // A public suffix of two labels is shared by strangers.
      ["https://auth.scalingo.co.uk", "https://evil.co.uk", false],
    ];
    for (const [auth, api, belongs] of CASES) {
      it(`${api} ${belongs ? "belongs" : "does not belong"} with ${auth}`, () => {
        const check = () => requireSameOwner(new URL(auth), new URL(api), "the API URL of region x");
        if (belongs) assert.doesNotThrow(check);
        else assert.throws(check, (error: Error) => error instanceof ScalingoConfigError && /refusing to send credentials there/.test(error.message));
      });
    }
  });
});
