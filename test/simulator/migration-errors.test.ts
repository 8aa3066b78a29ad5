import assert from "node:assert/strict";
import { type MigrationStatus, type StepName } from "../../simulator";
import { simulatorWorld } from "./support/test-client";

const STEPS: StepName[] = ["preflight", "prepare", "data", "finalize", "abort"];

/** The contract's diagram: what may run from each status. */
const ALLOWED: Record<MigrationStatus, StepName[]> = {
  created: ["preflight", "abort"],
  "preflight-success": ["prepare", "abort"],
  "preflight-error": [],
  running: ["abort"],
  prepared: ["data", "finalize", "abort"],
  "data-migrated": ["finalize", "abort"],
  done: [],
  error: ["abort"],
  aborting: ["abort"],
  aborted: [],
};

describe("simulator: region migration refusals", () => {
  const world = simulatorWorld("test");

  /** A migration of `app` brought to `status` through the API. */
  async function migrationIn(status: MigrationStatus, app = "fleet-app-07"): Promise<string> {
    if (status === "preflight-error") {
      const { id } = await world.client.createMigration("influx-app");
      await world.client.runAndWait("influx-app", id, "preflight");
      return id;
    }
    const { id } = await world.client.createMigration(app);
    if (status === "created") return id;
    if (status === "aborted" || status === "aborting") {
      if (status === "aborting") world.sim.setStepDurations({ abort: 10_000 });
      await world.client.run(app, id, "abort");
      if (status === "aborted") await world.client.waitUntilEnded(app, id);
      return id;
    }
    await world.client.runAndWait(app, id, "preflight");
    if (status === "preflight-success") return id;
    if (status === "error") {
      world.sim.failSubStep({ app, step: "Import formation" });
      await world.client.runAndWait(app, id, "prepare");
      return id;
    }
    if (status === "running") {
      world.sim.setStepDurations({ prepare: 10_000 });
      await world.client.run(app, id, "prepare");
      return id;
    }
    await world.client.runAndWait(app, id, "prepare");
    if (status === "prepared") return id;
    if (status === "done") {
      await world.client.runAndWait(app, id, "finalize");
      return id;
    }
    await world.client.runAndWait(app, id, "data");
    return id;
  }

  for (const status of Object.keys(ALLOWED) as MigrationStatus[]) {
    const refused = STEPS.filter((step) => !ALLOWED[status].includes(step));
    if (refused.length === 0) continue;
    it(`refuses ${refused.join(", ")} from '${status}' with 422`, async () => {
      const id = await migrationIn(status);
      const app = status === "preflight-error" ? "influx-app" : "fleet-app-07";
      assert.equal((await world.client.show(app, id)).status, status);
      for (const step of refused) {
        const answer = await world.client.run(app, id, step);
        assert.equal(answer.status, 422, `${step} from ${status}`);
        assert.deepEqual(answer.body, { errors: { step: [`cannot run '${step}' while the migration is '${status}'`] } });
      }
      assert.equal((await world.client.show(app, id)).status, status, "a refused run changes nothing");
    });
  }

  it("refuses a second preflight while the first still runs", async () => {
    world.sim.setStepDurations({ preflight: 5_000 });
    const { id } = await world.client.createMigration("my-app");
    assert.equal((await world.client.run("my-app", id, "preflight")).status, 204);
    const again = await world.client.run("my-app", id, "preflight");
    assert.equal(again.status, 422);
    assert.deepEqual(again.body, { errors: { step: ["cannot run 'preflight' while the 'preflight' step is running"] } });
  });

  it("treats an abort while aborting as already done (204, nothing appended)", async () => {
    const id = await migrationIn("aborting");
    const before = await world.client.show("fleet-app-07", id);
    assert.equal((await world.client.run("fleet-app-07", id, "abort")).status, 204);
    assert.deepEqual((await world.client.show("fleet-app-07", id)).steps.length, before.steps.length);
  });

  it("aborts a running step: its running sub-step ends in error, then the abort runs", async () => {
    const id = await migrationIn("running");
    await world.client.waitFor("fleet-app-07", id, (m) => m.steps.length === 6);
    assert.equal((await world.client.run("fleet-app-07", id, "abort")).status, 204);
    const aborted = await world.client.waitUntilEnded("fleet-app-07", id);
    assert.equal(aborted.status, "aborted");
    assert.equal(aborted.steps[5].status, "error");
    assert.match(aborted.steps[5].logs ?? "", /aborted/);
    assert.equal(aborted.steps.at(-1)?.name, "Restore the old app");
    assert.equal(world.sim.app("osc-fr1", "fleet-app-07")?.migrating, false);
  });

  it("refuses a second migration while one is not final, allows one after a final status", async () => {
    const first = await world.client.createMigration("my-app");
    const second = await world.client.post("osc-fr1", "/v1/apps/my-app/region_migrations", {
      migration: { destination: "osc-secnum-fr1", dst_app_name: "" },
    });
    assert.equal(second.status, 422);
    assert.deepEqual(second.body, { errors: { app: ["a region migration is already in progress"] } });
    await world.client.runAndWait("my-app", first.id, "abort");
    await world.client.createMigration("my-app");

    const blocked = await migrationIn("preflight-error");
    assert.ok(blocked);
    await world.client.createMigration("influx-app");
  });

  it("answers 404 for an unknown app or migration id, with the contract's bodies", async () => {
    const { id } = await world.client.createMigration("my-app");
    const unknownApp = await world.client.get("osc-fr1", `/v1/apps/nope-app/region_migrations/${id}`);
    assert.equal(unknownApp.status, 404);
    assert.deepEqual(unknownApp.body, { resource: "app", error: "not found" });
    assert.equal((await world.client.post("osc-fr1", "/v1/apps/nope-app/region_migrations", { migration: { destination: "osc-secnum-fr1", dst_app_name: "" } })).status, 404);
    assert.equal((await world.client.get("osc-fr1", "/v1/apps/nope-app/region_migrations")).status, 404);

    const unknownId = await world.client.get("osc-fr1", "/v1/apps/my-app/region_migrations/00000000-0000-4000-8000-000000000000");
    assert.equal(unknownId.status, 404);
    assert.deepEqual(unknownId.body, { resource: "region_migration", error: "not found" });
    const otherApp = await world.client.get("osc-fr1", `/v1/apps/my-app-2/region_migrations/${id}`);
    assert.deepEqual(otherApp.body, { resource: "region_migration", error: "not found" });
    const runUnknown = await world.client.run("my-app", "00000000-0000-4000-8000-000000000000", "preflight");
    assert.equal(runUnknown.status, 404);
    assert.equal((await world.client.get("osc-secnum-fr1", `/v1/apps/my-app/region_migrations/${id}`)).status, 404, "calls go to the source region");
  });

  it("refuses a destination that is the source, unknown or blank with 422", async () => {
    for (const destination of ["osc-fr1", "osc-nowhere-1", ""]) {
      const answer = await world.client.post("osc-fr1", "/v1/apps/my-app/region_migrations", {
        migration: { destination, dst_app_name: "" },
      });
      assert.equal(answer.status, 422, destination);
      assert.equal(Object.keys(answer.body.errors).join(), "destination");
      assert.equal(typeof answer.body.errors.destination[0], "string");
    }
    const badName = await world.client.post("osc-fr1", "/v1/apps/my-app/region_migrations", {
      migration: { destination: "osc-secnum-fr1", dst_app_name: "Not A Name" },
    });
    assert.equal(badName.status, 422);
    assert.ok(badName.body.errors.dst_app_name);
    assert.deepEqual(world.sim.migrations(), []);
  });

  it("refuses malformed bodies with 400 and an unknown step with 422", async () => {
    const path = "/v1/apps/my-app/region_migrations";
    for (const body of ["not json", {}, { migration: {} }, { migration: { destination: 42 } }, []]) {
      const answer = await world.client.post("osc-fr1", path, body);
      assert.equal(answer.status, 400, JSON.stringify(body));
      assert.equal(typeof answer.body.error, "string");
    }
    const { id } = await world.client.createMigration("my-app");
    assert.equal((await world.client.post("osc-fr1", `${path}/${id}/run`, {})).status, 400);
    assert.equal((await world.client.post("osc-fr1", `${path}/${id}/run`, { step: 3 })).status, 400);
    const unknown = await world.client.run("my-app", id, "teleport");
    assert.equal(unknown.status, 422);
    assert.match(unknown.body.errors.step[0], /unknown step 'teleport'/);
  });
});
