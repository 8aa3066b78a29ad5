import assert from "node:assert/strict";
import { send, simulatorWorld } from "./support/test-client";

describe("simulator: scripted sub-step failures", () => {
  const world = simulatorWorld("test");

  it("fails a prepare sub-step: status error, later sub-steps never run, abort cleans up", async () => {
    world.sim.failSubStep({ app: "my-app", step: "Import collaborators", logs: "collaborators service unavailable" });
    const { id } = await world.client.createMigration("my-app");
    await world.client.runAndWait("my-app", id, "preflight");
    const failed = await world.client.runAndWait("my-app", id, "prepare");
    assert.equal(failed.status, "error");
    assert.notEqual(failed.finished_at, null);
    const last = failed.steps.at(-1);
    assert.deepEqual({ name: last?.name, status: last?.status, logs: last?.logs }, {
      name: "Import collaborators",
      status: "error",
      logs: "collaborators service unavailable",
    });
    assert.equal(failed.steps.length, 5 + 6);
    assert.equal((await world.client.patch("osc-fr1", "/v1/apps/my-app", { app: { force_https: false } })).status, 423, "error waits for abort, still read-only");

    const aborted = await world.client.runAndWait("my-app", id, "abort");
    assert.equal(aborted.status, "aborted");
    assert.deepEqual(
      aborted.steps.slice(11).map((s) => s.name),
      ["Delete the new app", "Restore the old app"],
    );
    assert.equal(world.sim.app("osc-secnum-fr1", "my-app"), undefined);
    assert.equal((await world.client.patch("osc-fr1", "/v1/apps/my-app", { app: { force_https: false } })).status, 200);
  });

  it("fails a data sub-step by prefix; the abort restarts the old app", async () => {
    world.sim.failSubStep({ app: "my-app", step: "Import Redis", during: "data" });
    const { id } = await world.client.createMigration("my-app");
    await world.client.runAndWait("my-app", id, "preflight");
    await world.client.runAndWait("my-app", id, "prepare");
    const failed = await world.client.runAndWait("my-app", id, "data");
    assert.equal(failed.status, "error");
    assert.deepEqual(
      failed.steps.filter((s) => s.status === "error").map((s) => s.name),
      ["Import Redis data"],
    );
    assert.equal(world.sim.app("osc-fr1", "my-app")?.status, "stopped");
    const aborted = await world.client.runAndWait("my-app", id, "abort");
    assert.equal(aborted.steps.at(-3)?.name, "Start the old app");
    assert.equal(world.sim.app("osc-fr1", "my-app")?.status, "running");
  });

  it("fails a finalize sub-step only for the named app and only `times` times", async () => {
    world.sim.failSubStep({ app: "my-app", step: "Start the new app", times: 1 });
    const other = await world.client.createMigration("my-app-2");
    await world.client.runAndWait("my-app-2", other.id, "preflight");
    await world.client.runAndWait("my-app-2", other.id, "prepare");
    assert.equal((await world.client.runAndWait("my-app-2", other.id, "finalize")).status, "done");

    const first = await world.client.createMigration("my-app");
    await world.client.runAndWait("my-app", first.id, "preflight");
    await world.client.runAndWait("my-app", first.id, "prepare");
    assert.equal((await world.client.runAndWait("my-app", first.id, "finalize")).status, "error");
    await world.client.runAndWait("my-app", first.id, "abort");

    const retry = await world.client.createMigration("my-app");
    await world.client.runAndWait("my-app", retry.id, "preflight");
    await world.client.runAndWait("my-app", retry.id, "prepare");
    assert.equal((await world.client.runAndWait("my-app", retry.id, "finalize")).status, "done");
  });

  it("takes failures through POST /_simulator/failures and clears them with DELETE", async () => {
    const added = await send("POST", `${world.sim.authUrl}/_simulator/failures`, {
      failures: [{ app: "*", step: "Check addon versions", logs: "scripted" }],
    });
    assert.equal(added.status, 200);
    assert.equal(added.body.failures.length, 1);
    const { id } = await world.client.createMigration("my-app");
    const failed = await world.client.runAndWait("my-app", id, "preflight");
    assert.equal(failed.status, "preflight-error");
    assert.equal(failed.steps[0].logs, "scripted");

    assert.equal((await send("DELETE", `${world.sim.authUrl}/_simulator/failures`)).status, 204);
    const again = await world.client.createMigration("my-app");
    assert.equal((await world.client.runAndWait("my-app", again.id, "preflight")).status, "preflight-success");

    const invalid = await send("POST", `${world.sim.authUrl}/_simulator/failures`, { failures: [{ step: "x" }] });
    assert.equal(invalid.status, 400);
    assert.match(invalid.body.error, /app/);
  });
});
