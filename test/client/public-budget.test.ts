import * as assert from "node:assert/strict";
import { ScalingoClient } from "../../provider/client";
import { PublicApi } from "../../provider/client/public";
import type { RequestGate, RequestHints, RequestPriority } from "../../provider/client/request-gate";
import { RequestScheduler } from "../../provider/client/request-scheduler";
import { DEFAULT_API_TOKEN, startSimulator, type Simulator } from "../../simulator";
import { codeArchive } from "../simulator/support/public-api";

/** Requests the simulator counts against the account's limit: those with a bearer (not pre-signed URLs). */
function counted(sim: Simulator) {
  return sim.requests().filter((r) => !r.path.startsWith("/_storage/") && !r.path.startsWith("/_logs/"));
}

describe("public API client: the shared request budget", function () {
  this.timeout(30_000);
  let sim: Simulator;
  afterEach(() => sim?.close());

  it("waits out 429s through the shared scheduler instead of failing, and slows everyone down", async () => {
    sim = await startSimulator({ port: 0, rateLimitPerMinute: 4, rateLimitWindowMs: 1_000 });
    // A budget far above the server's: the server will refuse, the transport retries, the scheduler pauses.
    const scheduler = new RequestScheduler({ budgetPerMinute: 600, rateLimitPauseMs: 300 });
    const api = new PublicApi({ apiToken: DEFAULT_API_TOKEN, authUrl: sim.authUrl, gate: scheduler, retries: 8, retryBaseDelayMs: 100 });
    const region = api.region("osc-fr1");
    const apps = await Promise.all(Array.from({ length: 8 }, () => region.apps.show("shop-app")));
    assert.ok(apps.every((a) => a.name === "shop-app"));
    assert.ok(sim.requests().some((r) => r.status === 429), "the simulator refused some");
    assert.ok(scheduler.stats.rateLimited > 0, "each 429 told the scheduler");
    assert.equal(scheduler.stats.sent, counted(sim).length, "every attempt, retries included, went through the budget");
  });

  it("keeps both engines' calls inside one budget: no 429 with a budget just under the server's limit", async () => {
    sim = await startSimulator({ port: 0, rateLimitPerMinute: 6, rateLimitWindowMs: 1_000 });
    sim.setAsyncTimings({ oneOff: 10, deployment: 20 });
    // As the provider keeps 58 of Scalingo's 60: one short, so timer jitter never earns a 429.
    const scheduler = new RequestScheduler({ budgetPerMinute: 5, windowMs: 1_000 });
    const api = new PublicApi({ apiToken: DEFAULT_API_TOKEN, authUrl: sim.authUrl, gate: scheduler });
    const client = new ScalingoClient({ apiToken: DEFAULT_API_TOKEN, authUrl: sim.authUrl, gate: scheduler });
    const dst = api.region("osc-secnum-fr1");
    await Promise.all([
      client.getApp("osc-fr1", "shop-app"),
      client.listDomains("osc-fr1", "shop-app"),
      api.region("osc-fr1").variables.list("shop-app"),
      api.region("osc-fr1").addons.list("shop-app"),
      dst.apps.create({ name: "budget-app" }),
    ]);
    // Pre-signed URLs (the archive upload, the log lines) are not Scalingo's API: they do not wait for the budget.
    const source = await dst.sources.create();
    await dst.sources.upload(source, codeArchive());
    await dst.logs.lines("budget-app");
    assert.equal(sim.requests().filter((r) => r.status === 429).length, 0);
    assert.equal(scheduler.stats.rateLimited, 0);
    assert.equal(scheduler.stats.sent, counted(sim).length);
    assert.equal(sim.requests().length - counted(sim).length, 2, "the upload and the log read went outside it");
  });

  it("tells the budget a region's bound hints on every call, Database API included, under a call's own hints", async () => {
    sim = await startSimulator({ port: 0, rateLimitPerMinute: 0 });
    const seen: { priority: RequestPriority; hints?: RequestHints }[] = [];
    const gate: RequestGate = { acquire: (priority, hints) => (seen.push({ priority, hints }), Promise.resolve()), onRateLimited: () => undefined };
    const api = new PublicApi({ apiToken: DEFAULT_API_TOKEN, authUrl: sim.authUrl, gate });
    let workAheadMs = 90_000;
    const src = api.region("osc-fr1", () => ({ workAheadMs, order: 3 }));
    await api.regions(); // the session first: it has no hints
    seen.length = 0;
    await src.apps.show("shop-app");
    workAheadMs = 30_000; // asked at each call, not once
    const postgres = (await src.addons.list("shop-app")).find((a) => a.provider.name.toLowerCase().includes("postgres"))!;
    await src.databases.show("shop-app", postgres.id);
    await src.apps.show("shop-app", { priority: "poll", hints: { dueAt: 42, workAheadMs: 5 } });
    const regional = seen.filter((s) => s.hints !== undefined);
    assert.deepEqual(regional.map((s) => s.hints), [
      { workAheadMs: 90_000, order: 3 },
      { workAheadMs: 30_000, order: 3 },
      { workAheadMs: 30_000, order: 3 }, // the database itself (its addon token is the connection's own request)
      { workAheadMs: 5, order: 3, dueAt: 42 },
    ]);
    // The same region without bound hints is the shared, unhinted one.
    seen.length = 0;
    await api.region("osc-fr1").apps.show("shop-app");
    assert.deepEqual(seen.map((s) => s.hints), [undefined]);
  });
});
