import * as assert from "node:assert/strict";
import { ServerEngine } from "../../provider/engines/server/server-engine";
import { IntentJournal } from "../../provider/migration/intent-journal";
import { buildOutputs, snapshotFromOutputs } from "../../provider/migration/outputs";
import { AdaptivePollSchedule } from "../../provider/migration/poll-schedule";
import { snapshot } from "../support/snapshots";

/** The plan a preview shows, from state alone: no client is ever built for it. */
describe("server engine: what the next up will do", () => {
  const engine = new ServerEngine(
    {
      client: () => assert.fail("planning must not need a client"),
      journal: new IntentJournal("/nonexistent"),
      schedule: new AdaptivePollSchedule(),
      log: () => undefined,
    },
    "plan",
  );
  const toFinalize = { stage: "finalize" as const, migrateData: true };

  it("runs every step for a new migration", () => {
    assert.deepEqual(engine.plan(toFinalize, undefined), { reached: false, steps: ["preflight", "prepare", "data", "finalize"] });
  });

  it("waits for a running step, named from its sub-steps, then plans what follows it", () => {
    const running = snapshot("running", { steps: [{ id: "1", name: "Import addons data", status: "running", logs: null }], destination: { ...snapshot("running").destination, appId: "new" } });
    assert.deepEqual(engine.plan(toFinalize, running), { reached: false, waitFor: "data", steps: ["finalize"] });
  });

  it("says why nothing can run after a failed step", () => {
    const plan = engine.plan(toFinalize, snapshot("error"));
    assert.equal(plan.reached, false);
    assert.deepEqual(plan.steps, []);
    assert.match(plan.blocked ?? "", /waits for an abort: run `pulumi destroy`/);
  });

  it("has nothing to do once the declared stage is reached, or beyond it", () => {
    assert.deepEqual(engine.plan({ stage: "prepare", migrateData: true }, snapshot("data-migrated")), { reached: true, steps: [] });
    assert.deepEqual(engine.plan(toFinalize, snapshot("done")), { reached: true, steps: [] });
  });

  it("reads back from stored outputs the snapshot they were built from", () => {
    const done = snapshot("done", {
      reachedStage: "finalize",
      finishedAt: "2026-01-01T01:00:00Z",
      redirectExpiresAt: "2026-01-31T01:00:00.000Z",
      steps: [{ id: "1", name: "Start the new app", status: "done", logs: "ok" }],
      destination: { region: "osc-secnum-fr1", appName: "my-app", appId: "new", url: "https://my-app.example", gitUrl: "git@x:my-app.git", dnsChanges: [{ domain: "a.example.com", type: "CNAME", target: "my-app.example" }] },
    });
    const spec = { app: "my-app", sourceRegion: "osc-fr1", destinationRegion: "osc-secnum-fr1", newName: "", migrateData: true };
    // A snapshot read back from outputs names its engine: states from before there were two are the server's.
    assert.deepEqual(snapshotFromOutputs(buildOutputs(spec, done)), { ...done, engine: "server", manualActions: [], copied: {} });
  });
});
