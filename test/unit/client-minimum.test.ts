import * as assert from "node:assert/strict";
import { clientMinimumRequests, fleetMinimumRequests } from "../../scripts/bench/client-minimum";
import { clientWorld } from "../../scripts/bench/client";
import { startSimulator, type AppSnapshot, type Simulator } from "../../simulator";

describe("the client engine's minimum requests (bench model)", function () {
  let sim: Simulator;
  before(async () => {
    sim = await startSimulator({ port: 0, rateLimitPerMinute: 0, fixtures: clientWorld(4) });
  });
  after(() => sim.close());
  const app = (name: string): AppSnapshot => sim.app("osc-fr1", name)!;
  const kind = (snapshot: AppSnapshot, name: string) => clientMinimumRequests(snapshot).kinds.find((k) => k.kind === name)!;

  it("counts shop-app kind by kind from its shape", () => {
    const minimum = clientMinimumRequests(app("shop-app"));
    const byKind = Object.fromEntries(minimum.kinds.map((k) => [k.kind, [k.reads, k.writes, k.polls]]));
    assert.deepEqual(byKind, {
      // project "shop" looked up and created on the destination; force_https set after the create
      app: [3, 3, 0],
      formation: [1, 3, 2],
      // PostgreSQL and Redis: two provisionings, one database version check (token + database)
      addons: [3, 2, 2],
      data: [2, 2, 1],
      variables: [2, 1, 0],
      scm: [1, 3, 1],
      // carol accepted, dave pending
      collaborators: [1, 1, 0],
      domains: [2, 3, 0],
      notifiers: [1, 1, 0],
      alerts: [1, 1, 0],
      logDrains: [3, 2, 0],
      autoscalers: [1, 1, 0],
    });
    assert.deepEqual(minimum.shared, [
      "destination addon providers",
      "destination container sizes",
      "destination database types",
      "destination default version of postgresql",
      "destination event types",
      "destination notification platforms",
      "destination stacks",
      "regions",
      "source event types",
      "source notification platforms",
      "source stacks",
      "token exchange",
    ]);
    assert.equal(minimum.total, 50 + 12);
  });

  it("follows the shape: one more domain is one more write, no SCM link is no deployment", () => {
    const shop = app("shop-app");
    const more = { ...shop, domains: [...shop.domains, { ...shop.domains[1]!, name: "api.shop.example.com", canonical: false }] };
    assert.equal(clientMinimumRequests(more).total, clientMinimumRequests(shop).total + 1);
    assert.deepEqual(kind(app("git-push-app"), "scm"), { kind: "scm", reads: 1, writes: 0, polls: 0 });
    // MySQL's restore reads the new database's URL from the destination's variables.
    assert.equal(kind(app("mysql-app"), "data").reads, 3);
  });

  it("counts a fleet's shared reads once: the session and each catalogue a single app needs", () => {
    const apps = ["client-app-01", "client-app-02", "client-app-03", "client-app-04"].map((name) => clientMinimumRequests(app(name)));
    const own = apps.reduce((sum, a) => sum + a.total - a.shared.length, 0);
    // client-app-04 is the MySQL one: its default version is one more shared read.
    assert.ok(apps[3]!.shared.includes("destination default version of mysql"));
    assert.equal(fleetMinimumRequests(apps), own + new Set(apps.flatMap((a) => a.shared)).size);
    assert.ok(fleetMinimumRequests(apps) < apps.reduce((sum, a) => sum + a.total, 0));
    assert.equal(fleetMinimumRequests([apps[0]!]), apps[0]!.total);
  });

  it("differs across the generated client fleet (the apps are not copies)", () => {
    const totals = ["client-app-01", "client-app-02", "client-app-03", "client-app-04"].map((name) => clientMinimumRequests(app(name)).total);
    assert.ok(new Set(totals).size >= 3, `totals ${totals.join(", ")}`);
  });
});
