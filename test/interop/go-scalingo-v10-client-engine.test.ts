import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { PublicApi } from "../../provider/client/public";
import { ClientEngine } from "../../provider/engines/client/client-engine";
import { ClientRecords } from "../../provider/engines/client/record";
import { DEFAULT_TIMEOUTS_MS } from "../../provider/migration/spec";
import { DEFAULT_API_TOKEN, startSimulator, type Simulator } from "../../simulator";
import { buildGoClient, callsNamed, runGoClient } from "./support/go-client";
import { requireGo } from "./support/go-toolchain";

/**
 * After the client engine moved shop-app, the real go-scalingo v10.0.0 reads the destination
 * and sees what a person would expect: every call parsed, and the values the move copied.
 */
describe("interop: go-scalingo v10.0.0 reads an app the client engine moved", function () {
  this.timeout(120_000);
  let bin: string;
  let sim: Simulator;

  before(async function () {
    this.timeout(600_000);
    requireGo(this, "go-scalingo v10 interop");
    bin = await buildGoClient("go-client-v10");
  });
  beforeEach(async () => {
    sim = await startSimulator({ port: 0, rateLimitPerMinute: 0, profile: "fast" });
  });
  afterEach(() => sim?.close());

  it("sees the settings, addons, variables, domains, invitations, monitoring, SCM link and formation", async () => {
    const api = new PublicApi({ apiToken: DEFAULT_API_TOKEN, authUrl: sim.authUrl, retryBaseDelayMs: 20 });
    const records = new ClientRecords(fs.mkdtempSync(path.join(os.tmpdir(), "client-records-")));
    const engine = new ClientEngine({ api: () => api, records, log: () => undefined }, "shop");
    const spec = { app: "shop-app", sourceRegion: "osc-fr1", destinationRegion: "osc-secnum-fr1", newName: "", stage: "finalize" as const, migrateData: true, timeouts: { ...DEFAULT_TIMEOUTS_MS }, owner: "interop/shop" };
    assert.equal((await engine.advance(spec, { reachedStage: null })).status, "done");

    const run = await runGoClient(bin, sim.authUrl, ["read", "shop-app", "osc-secnum-fr1"]);
    assert.equal(run.exitCode, 0, run.stderr + run.calls.filter((c) => !c.ok).map((c) => JSON.stringify(c)).join("\n"));
    const value = (call: string) => callsNamed(run, call)[0].value;
    const app = value("AppsShow");
    assert.deepEqual([app.force_https, app.sticky_session, app.router_logs], [true, true, false]);
    assert.deepEqual(value("AddonsList").map((a: { plan: { name: string } }) => a.plan.name).sort(), ["postgresql-business-512", "redis-starter-256"]);
    const variables = Object.fromEntries(value("VariablesList").map((v: { name: string; value: string }) => [v.name, v.value]));
    assert.equal(variables.DATABASE_URL, "$SCALINGO_POSTGRESQL_URL", "an alias stays an alias");
    assert.match(variables.SCALINGO_POSTGRESQL_URL, /osc-secnum-fr1/, "the addon variable is the destination's own");
    assert.deepEqual(value("DomainsList").map((d: { name: string; canonical: boolean }) => [d.name, d.canonical]).sort(), [["shop.example.com", true], ["www.shop.example.com", false]]);
    assert.deepEqual(value("CollaboratorsList").map((c: { email: string; status: string; is_limited: boolean }) => [c.email, c.status, c.is_limited]), [["carol@example.com", "pending", true]]);
    assert.ok(value("NotifiersList").some((n: { name: string }) => n.name === "Ops on Slack"));
    assert.equal(value("AutoscalersList").length, 1);
    assert.equal(value("SCMRepoLinkShow").branch, "main");
    assert.deepEqual(value("AppsContainerTypes").map((c: { name: string; amount: number; size: string }) => [c.name, c.amount, c.size]).sort(), [["web", 2, "M"], ["worker", 1, "L"]]);
    assert.equal(value("DeploymentList").length, 1);
  });
});
