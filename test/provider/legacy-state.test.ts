import * as assert from "node:assert/strict";
import { providerWorld } from "../support/provider-world";

type Props = Record<string, unknown>;

/** Stacks written before the output `stage` (the stage reached) was renamed `reachedStage`. */
describe("AppMigration provider: state written by the previous version", function () {
  this.timeout(30_000);
  const world = providerWorld();

  const declared = (stage: string): Props => ({ app: "my-app", sourceRegion: "osc-fr1", destinationRegion: "osc-secnum-fr1", stage, owner: "proj/dev/legacy" });

  /** The outputs as the previous version stored them: the stage reached under `stage`. */
  function asPreviousVersion(outs: Props): Props {
    const { reachedStage, ...rest } = outs;
    return { ...rest, stage: reachedStage };
  }

  it("names the stage reached reachedStage, and no output `stage`", async () => {
    const { outs } = await world.provider.create((await world.provider.check({}, declared("create"))).inputs);
    assert.equal(outs.reachedStage, "create");
    assert.ok(!("stage" in outs), "the output `stage` would shadow the input of the same name");
  });

  it("reads the stage reached from an old state, and writes it under its new name", async () => {
    const inputs = (await world.provider.check({}, declared("prepare"))).inputs;
    const created = await world.provider.create(inputs);
    const old = asPreviousVersion(created.outs);

    const same = await world.provider.diff(created.id, old, inputs);
    assert.equal(same.changes, false, "nothing to do: the old state says prepare was reached");

    const next = (await world.provider.check(inputs, declared("finalize"))).inputs;
    assert.equal((await world.provider.diff(created.id, old, next)).changes, true);
    const { outs } = await world.provider.update(created.id, old, next);
    assert.equal(outs.status, "done");
    assert.equal(outs.reachedStage, "finalize");
    assert.ok(!("stage" in outs));

    const refreshed = await world.provider.read(created.id, asPreviousVersion(created.outs));
    assert.equal(refreshed.props?.reachedStage, "finalize");
  });

  it("keeps the stage an old state reached while the status proves none (a failed step)", async () => {
    world.simulator.failSubStep({ app: "my-app", step: "Stop your old app", during: "data", logs: "disk full" });
    const inputs = (await world.provider.check({}, declared("prepare"))).inputs;
    const created = await world.provider.create(inputs);
    const next = (await world.provider.check(inputs, declared("data"))).inputs;
    const failed = await partialState(world.provider.update(created.id, created.outs, next));
    assert.equal(failed.status, "error");
    const old = asPreviousVersion(failed);
    assert.equal(old.stage, "prepare");

    const refreshed = await world.provider.read(created.id, old);
    assert.equal(refreshed.props?.reachedStage, "prepare", "a refresh of an old state in error");
    const again = await partialState(world.provider.update(created.id, old, next));
    assert.equal(again.reachedStage, "prepare", "an update of an old state in error");
  });
});

async function partialState(operation: Promise<unknown>): Promise<Props> {
  return operation.then(
    () => assert.fail("the data step was scripted to fail"),
    (error: { properties?: Props; message: string }) => error.properties ?? assert.fail(error.message),
  );
}
