import * as assert from "node:assert/strict";
import { ScalingoClient } from "../../provider/client";
import { RegionMigrations } from "../../provider/engines/server/region-migrations";
import type { MigrationSnapshot } from "../../provider/migration/snapshot";
import { startSimulator, type Simulator } from "../../simulator";
import { DEMO_TOKEN } from "../support/simulator-env";

/** The server engine's writes: a POST whose answer was lost is reconciled by reading, never sent blindly. */
describe("server engine: one app's region migrations, reconciled writes", function () {
  this.timeout(30_000);
  let simulator: Simulator;
  let migrations: RegionMigrations;

  beforeEach(async () => {
    simulator = await startSimulator({ port: 0, rateLimitPerMinute: 0 });
    const client = new ScalingoClient({ apiToken: DEMO_TOKEN, authUrl: simulator.authUrl, retryBaseDelayMs: 20 });
    migrations = new RegionMigrations(client, { sourceRegion: "osc-fr1", app: "my-app" });
  });
  afterEach(() => simulator.close());

  const toSecnum = { region: "osc-secnum-fr1", appName: "" };
  const posts = (suffix: string) => simulator.requests().filter((r) => r.method === "POST" && r.path.endsWith(suffix));

  async function settled(id: string, until: (s: MigrationSnapshot) => boolean): Promise<MigrationSnapshot> {
    for (let i = 0; i < 200; i++) {
      const seen = await migrations.get(id, null, "poll");
      if (until(seen)) return seen;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    assert.fail("migration did not settle");
  }

  it("reconciles a create whose answer was lost instead of creating twice", async () => {
    simulator.setFaults([{ method: "POST", path: "/v1/apps/my-app/region_migrations", drop: "after", count: 1 }]);
    const created = await migrations.create(toSecnum, []);
    assert.equal(simulator.migrations("my-app").length, 1);
    assert.equal(simulator.migrations("my-app")[0]!.id, created.id);
    assert.equal(posts("/region_migrations").length, 1, "the lost create was not sent again");
  });

  it("sends a create again when the read shows it did not land (502 before processing)", async () => {
    simulator.setFaults([{ method: "POST", path: "/v1/apps/my-app/region_migrations", status: 502, count: 1 }]);
    const created = await migrations.create(toSecnum, []);
    assert.equal(simulator.migrations("my-app").length, 1);
    assert.equal(simulator.migrations("my-app")[0]!.id, created.id);
    assert.equal(posts("/region_migrations").length, 2);
  });

  it("reconciles a run whose answer was lost instead of running twice", async () => {
    const created = await migrations.create(toSecnum, []);
    simulator.setFaults([{ method: "POST", path: "/v1/apps/my-app/region_migrations/*/run", drop: "after", count: 1 }]);
    await migrations.run(created, "preflight");
    assert.equal(posts("/run").length, 1, "the lost run was not sent again");
    await settled(created.id, (m) => m.status === "preflight-success");
  });

  it("gives up after its resends when every answer is lost", async () => {
    simulator.setFaults([{ method: "POST", path: "/v1/apps/my-app/region_migrations", status: 502 }]);
    await assert.rejects(migrations.create(toSecnum, []), /answered 502/);
    assert.equal(posts("/region_migrations").length, 4, "the first send and three resends");
  });

  it("describes what it sees in the shared model, the reached stage carried from the last look", async () => {
    const created = await migrations.create(toSecnum, []);
    assert.deepEqual(
      { status: created.status, reachedStage: created.reachedStage, source: created.source.appName, destination: created.destination.region },
      { status: "created", reachedStage: null, source: "my-app", destination: "osc-secnum-fr1" },
    );
    await migrations.run(created, "preflight");
    const checked = await settled(created.id, (m) => m.status === "preflight-success");
    assert.equal(checked.reachedStage, "create");
    assert.equal((await migrations.find(created.id, "prepare"))?.reachedStage, "create", "a status proves its own stage");
    assert.equal(await migrations.find("00000000-0000-0000-0000-000000000000", null), undefined);
  });
});
