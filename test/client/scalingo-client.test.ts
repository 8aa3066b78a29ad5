import * as assert from "node:assert/strict";
import { inspect } from "node:util";
import {
  RegionMigrationUnsupportedError,
  ScalingoAuthError,
  ScalingoClient,
  ScalingoConfigError,
  ScalingoNotFoundError,
  ScalingoRateLimitError,
  ScalingoValidationError,
  postOutcomeUnknown,
} from "../../provider/client";
import type { RequestGate } from "../../provider/client/request-gate";
import { RequestScheduler } from "../../provider/client/request-scheduler";
import { startSimulator, type Simulator } from "../../simulator";
import { DEMO_TOKEN } from "../support/simulator-env";

describe("Scalingo client against the simulator (real loopback HTTP)", function () {
  this.timeout(30_000);
  let simulator: Simulator;
  let client: ScalingoClient;

  const newClient = (options: Partial<ConstructorParameters<typeof ScalingoClient>[0]> = {}) =>
    new ScalingoClient({ apiToken: DEMO_TOKEN, authUrl: simulator.authUrl, retryBaseDelayMs: 20, ...options });

  beforeEach(async () => {
    simulator = await startSimulator({ port: 0, rateLimitPerMinute: 0 });
    client = newClient();
  });
  afterEach(() => simulator.close());

  async function settle(app: string, id: string, until: (status: string) => boolean) {
    for (let i = 0; i < 200; i++) {
      const m = await client.getMigration("osc-fr1", app, id);
      if (until(m.status)) return m;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    assert.fail("migration did not settle");
  }

  it("lists regions and resolves their APIs", async () => {
    const regions = await client.regions();
    assert.deepEqual(regions.map((r) => r.name), ["osc-fr1", "osc-secnum-fr1"]);
    assert.equal(regions.find((r) => r.default)?.name, "osc-fr1");
  });

  it("refuses an unknown region, listing the known ones", async () => {
    await assert.rejects(client.getApp("osc-mars", "my-app"), (e: unknown) => {
      assert.ok(e instanceof ScalingoConfigError);
      assert.match(e.message, /'osc-mars' is not a region this account can use; known regions: osc-fr1, osc-secnum-fr1/);
      return true;
    });
  });

  it("shows an app and its domains", async () => {
    const app = await client.getApp("osc-fr1", "my-app");
    assert.equal(app.name, "my-app");
    assert.equal(app.gitUrl, "git@ssh.osc-fr1.scalingo.com:my-app.git");
    const domains = await client.listDomains("osc-fr1", "my-app");
    assert.deepEqual(domains.map((d) => d.name), ["my-app.example.com"]);
  });

  it("says which app was not found, and where", async () => {
    await assert.rejects(client.getApp("osc-fr1", "ghost-app"), (e: unknown) => {
      assert.ok(e instanceof ScalingoNotFoundError);
      assert.equal(e.status, 404);
      assert.equal(e.resource, "app");
      assert.equal(e.request.method, "GET");
      assert.equal(e.request.path, "/v1/apps/ghost-app");
      assert.equal(e.message, "app 'ghost-app' was not found in region osc-fr1");
      return true;
    });
  });

  it("creates, runs, shows and lists migrations with the contract's shapes", async () => {
    const created = await client.createMigration("osc-fr1", "my-app", { destination: "osc-secnum-fr1", dstAppName: "" });
    assert.equal(created.status, "created");
    assert.equal(created.newAppId, null);
    assert.deepEqual(created.steps, []);
    await client.runMigrationStep("osc-fr1", "my-app", created.id, "preflight");
    const checked = await settle("my-app", created.id, (s) => s !== "created");
    assert.equal(checked.status, "preflight-success");
    assert.ok(checked.steps.some((s) => s.name === "Preflight checks" && s.status === "done"));
    const listed = await client.listMigrations("osc-fr1", "my-app");
    assert.deepEqual(listed.map((m) => m.id), [created.id]);
  });

  it("reports field errors of a 422 (wrong-status run, second in-flight migration, bad destination)", async () => {
    const created = await client.createMigration("osc-fr1", "my-app", { destination: "osc-secnum-fr1", dstAppName: "" });
    await assert.rejects(client.runMigrationStep("osc-fr1", "my-app", created.id, "data"), (e: unknown) => {
      assert.ok(e instanceof ScalingoValidationError);
      assert.deepEqual(e.fieldErrors.step, ["cannot run 'data' while the migration is 'created'"]);
      return true;
    });
    await assert.rejects(client.createMigration("osc-fr1", "my-app", { destination: "osc-secnum-fr1", dstAppName: "" }), (e: unknown) => {
      assert.ok(e instanceof ScalingoValidationError);
      assert.deepEqual(e.fieldErrors.app, ["a region migration is already in progress"]);
      return true;
    });
    await assert.rejects(client.createMigration("osc-fr1", "my-app-2", { destination: "osc-fr1", dstAppName: "" }), (e: unknown) => {
      assert.ok(e instanceof ScalingoValidationError);
      assert.ok(e.fieldErrors.destination?.length);
      return true;
    });
  });

  it("names the missing migration", async () => {
    await assert.rejects(client.getMigration("osc-fr1", "my-app", "00000000-0000-0000-0000-000000000000"), (e: unknown) => {
      assert.ok(e instanceof ScalingoNotFoundError);
      assert.equal(e.resource, "region_migration");
      assert.match(e.message, /region migration '0{8}-.*' of app 'my-app' was not found in region osc-fr1/);
      return true;
    });
  });

  it("deletes an app only with its current name", async () => {
    await client.deleteApp("osc-fr1", "fleet-app-50");
    assert.equal(simulator.app("osc-fr1", "fleet-app-50"), undefined);
  });

  it("refuses a bad API token with a 401 that carries no credential", async () => {
    const bad = newClient({ apiToken: "tk-us-not-a-real-token" });
    await assert.rejects(bad.getApp("osc-fr1", "my-app"), (e: unknown) => {
      assert.ok(e instanceof ScalingoAuthError);
      assert.match(e.message, /API token was refused by the auth service/);
      const everything = `${e.message} ${inspect(e, { depth: 10 })} ${JSON.stringify(e)}`;
      assert.ok(!everything.includes("tk-us-not-a-real-token"));
      return true;
    });
  });

  it("exchanges again when the bearer expires in the middle of a long wait", async () => {
    await simulator.close();
    simulator = await startSimulator({ port: 0, rateLimitPerMinute: 0, jwtTtlSeconds: 1 });
    client = newClient();
    await client.getApp("osc-fr1", "my-app");
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await client.getApp("osc-fr1", "my-app");
    const exchanges = simulator.requests().filter((r) => r.path === "/v1/tokens/exchange" && r.status === 200);
    assert.ok(exchanges.length >= 2, `expected a second exchange, saw ${exchanges.length}`);
    assert.ok(!simulator.requests().some((r) => r.status === 401 && r.path.startsWith("/v1/apps")), "no call was sent with a stale bearer");
  });

  it("waits out the rate limit instead of failing (plain-text 429)", async () => {
    await simulator.close();
    simulator = await startSimulator({ port: 0, rateLimitPerMinute: 5, rateLimitWindowMs: 1_000 });
    client = newClient({ retries: 8, retryBaseDelayMs: 200 });
    for (let i = 0; i < 10; i++) await client.getApp("osc-fr1", "my-app");
    assert.ok(simulator.requests().some((r) => r.status === 429), "the simulator never rate limited");
  });

  it("gives up on a 429 storm with a rate-limit error after bounded retries", async () => {
    simulator.setFaults([{ path: "/v1/apps/*", status: 429, body: "Retry later" }]);
    client = newClient({ retries: 2, retryBaseDelayMs: 10 });
    await assert.rejects(client.getApp("osc-fr1", "my-app"), ScalingoRateLimitError);
    assert.equal(simulator.requests().filter((r) => r.path === "/v1/apps/my-app").length, 3);
  });

  it("leaves a POST whose answer was lost to the caller, sent once (the server engine reconciles it)", async () => {
    simulator.setFaults([{ method: "POST", path: "/v1/apps/my-app/region_migrations", drop: "after", count: 1 }]);
    await assert.rejects(client.createMigration("osc-fr1", "my-app", { destination: "osc-secnum-fr1", dstAppName: "" }), (e: unknown) => {
      assert.ok(postOutcomeUnknown(e), `${String(e)} should be an unknown outcome`);
      return true;
    });
    assert.equal(simulator.requests().filter((r) => r.method === "POST" && r.path.endsWith("/region_migrations")).length, 1);
    assert.equal(simulator.migrations("my-app").length, 1, "the server did create it");
  });

  it("finds a migration, or says plainly that there is none", async () => {
    const created = await client.createMigration("osc-fr1", "my-app", { destination: "osc-secnum-fr1", dstAppName: "" });
    assert.equal((await client.findMigration("osc-fr1", "my-app", created.id))?.id, created.id);
    assert.equal(await client.findMigration("osc-fr1", "my-app", "00000000-0000-0000-0000-000000000000"), undefined);
    await assert.rejects(client.findMigration("osc-fr1", "ghost-app", created.id), ScalingoNotFoundError, "a missing app is not a missing migration");
  });

  it("retries GETs through 5xx bursts", async () => {
    simulator.setFaults([{ method: "GET", path: "/v1/apps/my-app", status: 503, count: 3 }]);
    const app = await client.getApp("osc-fr1", "my-app");
    assert.equal(app.name, "my-app");
  });

  it("says plainly when a region does not offer the region-migration API (404/410)", async () => {
    simulator.setFaults([{ path: "/v1/apps/my-app/region_migrations", status: 410, body: { error: "gone" } }]);
    await assert.rejects(client.listMigrations("osc-fr1", "my-app"), (e: unknown) => {
      assert.ok(e instanceof RegionMigrationUnsupportedError);
      assert.match(e.message, /does not offer the region-migration API. Scalingo retired it in April 2025/);
      return true;
    });
  });

  it("sends its User-Agent", async () => {
    const seen: string[] = [];
    const http = await import("node:http");
    const server = http.createServer((req, res) => {
      seen.push(String(req.headers["user-agent"]));
      res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify({ token: "x.y.z" }));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as { port: number };
    try {
      const probe = new ScalingoClient({ apiToken: DEMO_TOKEN, authUrl: `http://127.0.0.1:${port}` });
      await probe.regions().catch(() => undefined);
      assert.match(seen[0] ?? "", /^pulumi-scalingo-migration\/\d+\.\d+\.\d+$/);
    } finally {
      server.close();
    }
  });

  it("shares one request budget across clients: one scheduler spaces the requests of both", async () => {
    // 10 requests a second: consecutive requests more than 100 ms apart, whoever sends them.
    const scheduler = new RequestScheduler({ budgetPerMinute: 10, windowMs: 1_000 });
    // When each request left the scheduler: the spacing is the scheduler's promise. When they
    // reach the server also depends on the machine (a first connection, a loaded CI runner
    // delays one request and brings the next closer), so arrival times are not what is checked.
    const released: number[] = [];
    const gate: RequestGate = { acquire: (priority, hints) => scheduler.acquire(priority, hints).then(() => void released.push(Date.now())), onRateLimited: () => scheduler.onRateLimited() };
    const [first, second] = [newClient({ gate }), newClient({ gate })];
    const calls = [first, second].flatMap((client) => [client.getApp("osc-fr1", "my-app"), client.listDomains("osc-fr1", "my-app-2")]);
    await Promise.all(calls);

    const sent = simulator.requests();
    // Two token exchanges, the region list (once or per client, as the region cache decides), four calls.
    assert.ok(sent.length >= 7, `only ${sent.length} requests reached the simulator`);
    assert.equal(released.length, sent.length, "every request that reached the server went through the one scheduler");
    const gaps = released.slice(1).map((at, i) => at - released[i]!);
    assert.ok(Math.min(...gaps) >= 100, `released closer than the shared budget allows: gaps ${gaps.join(", ")} ms`);
  });
});
