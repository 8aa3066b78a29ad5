import assert from "node:assert/strict";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startSimulator, StateFileError, type Simulator } from "../../simulator";
import { send, TestClient } from "./support/test-client";

describe("simulator: --state survives a restart", () => {
  let dir: string;
  let sim: Simulator | undefined;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "scalingo-sim-state-"));
  });
  afterEach(async () => {
    await sim?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("resumes a step that was running when the process stopped, and keeps bearer tokens valid", async () => {
    const statePath = join(dir, "state.json");
    sim = await startSimulator({ port: 0, statePath, stepDurations: { prepare: 1300 } });
    assert.ok(existsSync(statePath), "the state (with the JWT secret) is saved at start");
    const client = new TestClient(sim);
    const bearer = await client.token();
    const { id } = await client.createMigration("my-app");
    await client.runAndWait("my-app", id, "preflight");
    await client.run("my-app", id, "prepare");
    const midway = await client.waitFor("my-app", id, (m) => m.steps.length >= 8);
    await sim.close();

    sim = await startSimulator({ port: 0, statePath, stepDurations: { prepare: 1300 } });
    const restarted = sim;
    const shown = await send("GET", `${restarted.regionApiUrl("osc-fr1")}/v1/apps/my-app/region_migrations/${id}`, undefined, {
      authorization: `Bearer ${bearer}`,
    });
    assert.equal(shown.status, 200, "a bearer issued before the restart still works");
    assert.equal(shown.body.status, "running");
    assert.deepEqual(shown.body.steps.slice(0, 7), midway.steps.slice(0, 7));

    const prepared = await new TestClient(restarted).waitUntilEnded("my-app", id);
    assert.equal(prepared.status, "prepared");
    assert.equal(prepared.steps.length, 18);
    assert.ok(prepared.steps.every((s) => s.status === "done"));
    assert.equal(restarted.app("osc-secnum-fr1", "my-app")?.status, "new");
    assert.equal(restarted.app("osc-fr1", "my-app")?.migrating, true);
  });

  it("keeps finished changes too: a deleted app stays deleted", async () => {
    const statePath = join(dir, "nested", "state.json");
    sim = await startSimulator({ port: 0, statePath });
    const client = new TestClient(sim);
    assert.equal((await client.delete("osc-fr1", "/v1/apps/fleet-app-03?current_name=fleet-app-03")).status, 204);
    await sim.close();
    sim = await startSimulator({ port: 0, statePath });
    assert.equal(sim.app("osc-fr1", "fleet-app-03"), undefined);
    assert.ok(sim.app("osc-fr1", "fleet-app-04"));
  });

  it("refuses a state file that is not one, naming the problem", async () => {
    const statePath = join(dir, "state.json");
    writeFileSync(statePath, JSON.stringify({ version: 1, world: {} }));
    await assert.rejects(startSimulator({ port: 0, statePath }), (error: Error) => {
      assert.ok(error instanceof StateFileError);
      assert.match(error.message, /jwtSecret/);
      return true;
    });
    sim = undefined;
  });
});
