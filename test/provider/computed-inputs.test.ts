import * as assert from "node:assert/strict";
import { runtime } from "@pulumi/pulumi";
import { providerWorld } from "../support/provider-world";

type Props = Record<string, unknown>;
const UNKNOWN = runtime.unknownValue;

/**
 * `check` and `diff` as a preview calls them when inputs come from resources not created (or
 * updated) yet: the engine passes the SDK's unknown marker in their place.
 */
describe("AppMigration provider: inputs computed from other resources", function () {
  this.timeout(30_000);
  const world = providerWorld();

  const declared = (extra: Props = {}): Props => ({
    app: "my-app",
    sourceRegion: "osc-fr1",
    destinationRegion: "osc-secnum-fr1",
    stage: "prepare",
    owner: "proj/dev/my-app-migration",
    ...extra,
  });

  for (const property of ["stage", "migrateData", "timeouts", "sourceRegion", "destinationRegion", "app", "newName", "migrationId"]) {
    it(`check passes with ${property} computed and hands it back computed`, async () => {
      const result = await world.provider.check({}, declared({ [property]: UNKNOWN }));
      assert.deepEqual(result.failures, []);
      assert.equal(result.inputs[property], UNKNOWN);
    });
  }

  it("check passes with both regions and a timeout computed", async () => {
    const result = await world.provider.check({}, declared({ sourceRegion: UNKNOWN, destinationRegion: UNKNOWN, timeouts: { prepare: UNKNOWN, data: "2h" } }));
    assert.deepEqual(result.failures, []);
    assert.deepEqual(result.inputs.timeouts, { prepare: UNKNOWN, data: "2h" });
  });

  it("check still asks Scalingo about a known region beside a computed stage", async () => {
    const result = await world.provider.check({}, declared({ stage: UNKNOWN, destinationRegion: "osc-nowhere" }));
    assert.equal(result.failures[0]?.property, "destinationRegion");
    assert.match(result.failures[0]!.reason, /known regions: osc-fr1, osc-secnum-fr1/);
  });

  it("a preview says the plan it can: the steps when stage is known, why not when it is computed", async () => {
    await world.provider.check({}, declared({ app: UNKNOWN, timeouts: UNKNOWN }));
    const known = world.provider.logs.join("\n");
    assert.match(known, /plan: create: the following operations will be achieved/);
    assert.match(known, /plan: prepare: the following operations will be achieved/);
    assert.match(known, /Create a migration of '\(computed\)' from osc-fr1 to osc-secnum-fr1/);

    world.provider.logs.length = 0;
    await world.provider.check({}, declared({ stage: UNKNOWN }));
    assert.match(world.provider.logs.join("\n"), /plan: decided during the update: stage comes from resources not created or updated yet/);
  });

  it("diff of an existing migration with computed inputs: changes, never a failure", async () => {
    const inputs = (await world.provider.check({}, declared({ stage: "create" }))).inputs;
    const { id, outs } = await world.provider.create(inputs);

    const stage = await world.provider.diff(id, outs, declared({ stage: UNKNOWN }));
    assert.equal(stage.changes, true);
    assert.deepEqual(stage.replaces ?? [], []);

    const region = await world.provider.diff(id, outs, declared({ stage: "create", destinationRegion: UNKNOWN }));
    assert.equal(region.changes, true);
    assert.deepEqual(region.replaces, ["destinationRegion"], "a computed destination may replace the migration");
  });

  it("diff of a done migration with a computed destination: no refusal and no replacement in the preview", async () => {
    const inputs = (await world.provider.check({}, declared({ stage: "finalize" }))).inputs;
    const { id, outs } = await world.provider.create(inputs);
    assert.equal(outs.status, "done");
    const result = await world.provider.diff(id, outs, { ...inputs, destinationRegion: UNKNOWN, newName: UNKNOWN });
    assert.deepEqual(result.replaces ?? [], []);
  });
});
