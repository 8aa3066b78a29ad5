import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { AppMigration, type MigrationStage } from "../../provider";
import { Echo } from "../support/echo-resource";
import { newStack, type TestStack } from "../support/pulumi-engine";
import { DEMO_TOKEN, writesIn } from "../support/simulator-env";
import { engineWorld, outputsOf, PROJECT, runPosts } from "./e2e-harness";

interface Declared extends Record<string, unknown> {
  app: string;
  sourceRegion: string;
  destinationRegion: string;
  newName: string;
  stage: MigrationStage;
  migrateData: boolean;
  timeouts: { prepare?: string };
}

/**
 * Every AppMigration input fed from another resource of the same program, the way real
 * programs do (a region from a shared stack, a stage from a rollout resource). `computed`
 * takes each input from the echo; `nested` only a timeout inside `timeouts`.
 */
function program() {
  const config = new pulumi.Config();
  const echo = new Echo<Declared>("declared", {
    app: "my-app",
    sourceRegion: "osc-fr1",
    destinationRegion: "osc-secnum-fr1",
    newName: "",
    stage: (config.get("stage") ?? "prepare") as MigrationStage,
    migrateData: true,
    timeouts: { prepare: "20m" },
  });
  const from = <K extends keyof Declared>(key: K) => echo.echoed.apply((values) => values[key]);
  const computed = new AppMigration("computed", {
    app: from("app"),
    sourceRegion: from("sourceRegion"),
    destinationRegion: from("destinationRegion"),
    newName: from("newName"),
    stage: from("stage"),
    migrateData: from("migrateData"),
    timeouts: from("timeouts"),
  });
  const nested = new AppMigration("nested", {
    app: "my-app-2",
    sourceRegion: "osc-fr1",
    destinationRegion: "osc-secnum-fr1",
    stage: "create",
    timeouts: { prepare: from("timeouts").apply((t) => t.prepare ?? "30m") },
  });
  return { computedStatus: computed.status, computedId: computed.migrationId, nestedStatus: nested.status };
}

describe("real engine: inputs computed from other resources", function () {
  this.timeout(240_000);
  const world = engineWorld({ rateLimitPerMinute: 0 });

  async function stack(): Promise<TestStack> {
    return world.track(
      await newStack({
        program: async () => program(),
        projectName: PROJECT,
        env: { SCALINGO_AUTH_URL: world.simulator.authUrl, SCALINGO_API_TOKEN: DEMO_TOKEN },
      }),
    );
  }

  it("preview passes and says what it can; up does the work; a later change previews and applies", async () => {
    const s = await stack();
    await s.preview();
    const preview = s.output.join("");
    assert.match(preview, /\[computed\] plan: decided during the update: .*stage/);
    assert.match(preview, /\[nested\] plan: create: the following operations will be achieved/);
    assert.deepEqual(writesIn(world.simulator), [], "a preview writes nothing");

    await s.up();
    const first = await outputsOf(s);
    assert.equal(first.computedStatus, "prepared");
    assert.equal(first.nestedStatus, "preflight-success");

    // The echo changes: while it is being updated, a preview may not know its outputs.
    await s.stack.setConfig(`${PROJECT}:stage`, { value: "finalize" });
    s.output.length = 0;
    await s.preview();
    assert.doesNotMatch(s.output.join(""), /error:/);
    await s.up();
    const second = await outputsOf(s);
    assert.equal(second.computedStatus, "done");
    assert.equal(second.computedId, first.computedId, "the same migration went on: no replacement");
    assert.equal(runPosts(world.simulator, "my-app").length, 4);
  });
});
