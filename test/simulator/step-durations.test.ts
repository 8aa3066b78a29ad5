import assert from "node:assert/strict";
import { defaultWorldFixtures, startSimulator, type Simulator, type SimulatorOptions } from "../../simulator";
import { parseCliArgs } from "../../simulator/cli-args";
import { TestClient } from "./support/test-client";

/**
 * Apps do not all migrate alike: the data step follows the size of an app's databases, and a
 * seed spreads every (app, step) at random, reproducibly.
 */
describe("simulator: step durations that differ from one app to the next", () => {
  const simulators: Simulator[] = [];
  const start = async (options: SimulatorOptions) => {
    simulators.push(await startSimulator({ port: 0, ...options }));
    return simulators.at(-1)!;
  };
  afterEach(async () => {
    await Promise.all(simulators.splice(0).map((s) => s.close()));
  });

  const FLEET = Array.from({ length: 10 }, (_, i) => `fleet-app-${String(i + 1).padStart(2, "0")}`);
  const durationsOf = (sim: Simulator, apps: string[]) => apps.map((app) => sim.stepDurationsFor("osc-fr1", app)!);

  it("without a seed: the profile's figures, the data step scaled by the databases' size", async () => {
    const sim = await start({ profile: "realistic" });
    // my-app gives no database size: exactly the profile.
    assert.deepEqual(sim.stepDurationsFor("osc-fr1", "my-app"), { preflight: 5_000, prepare: 30_000, data: 180_000, finalize: 20_000, abort: 15_000 });
    // fleet-app-01 holds 96 MB, fleet-app-08 3 GB: 0.3 + 0.7 × size / 1024 of the data step.
    assert.equal(sim.stepDurationsFor("osc-fr1", "fleet-app-01")!.data, Math.round(180_000 * (0.3 + (0.7 * 96) / 1024)));
    assert.equal(sim.stepDurationsFor("osc-fr1", "fleet-app-08")!.data, Math.round(180_000 * (0.3 + (0.7 * 3072) / 1024)));
    assert.equal(sim.stepDurationsFor("osc-fr1", "fleet-app-08")!.prepare, 30_000);
    // An explicit factor wins over sizes.
    assert.equal(sim.stepDurationsFor("osc-fr1", "big-app")!.data, 900_000);
    assert.equal(sim.stepDurationsFor("osc-fr1", "ghost-app"), undefined);
  });

  it("the same seed gives the same durations, another seed others, each app and step its own", async () => {
    const [a, b, c] = [await start({ profile: "realistic", seed: 7 }), await start({ profile: "realistic", seed: 7 }), await start({ profile: "realistic", seed: 8 })];
    assert.deepEqual(durationsOf(a, FLEET), durationsOf(b, FLEET));
    assert.notDeepEqual(durationsOf(a, FLEET), durationsOf(c, FLEET));
    const prepares = durationsOf(a, FLEET).map((d) => d.prepare);
    assert.ok(new Set(prepares).size === prepares.length, `every app's prepare differs: ${prepares.join(", ")}`);
    for (const d of durationsOf(a, [...FLEET, "my-app", "my-app-2"])) {
      assert.ok(d.prepare >= 15_000 && d.prepare <= 60_000, `prepare within ×0.5–×2 of 30 s: ${d.prepare}`);
    }
  });

  it("a run lasts what stepDurationsFor says, seed and size included", async () => {
    const sim = await start({ seed: 3, stepDurations: { preflight: 200, prepare: 100, data: 250 } });
    const expected = sim.stepDurationsFor("osc-fr1", "fleet-app-08")!.data;
    assert.ok(expected > 300, `a 3 GB database makes data longer than 250 ms: ${expected}`);
    const client = new TestClient(sim);
    const { id } = await client.createMigration("fleet-app-08");
    await client.runAndWait("fleet-app-08", id, "preflight");
    await client.runAndWait("fleet-app-08", id, "prepare");
    const started = Date.now();
    await client.runAndWait("fleet-app-08", id, "data");
    const took = Date.now() - started;
    assert.ok(took >= expected - 20 && took < expected + 400, `data took ${took} ms, expected about ${expected}`);
  });

  it("takes sizeMb in fixtures, and --seed on the command line", async () => {
    const fixtures = defaultWorldFixtures();
    fixtures.apps = [{ name: "sized-app", region: "osc-fr1", addons: [{ providerId: "postgresql", version: "15.6.0", sizeMb: 2048 }] }];
    const sim = await start({ fixtures, profile: "realistic" });
    assert.equal(sim.stepDurationsFor("osc-fr1", "sized-app")!.data, Math.round(180_000 * 1.7));
    assert.equal(parseCliArgs(["--seed", "42"]).options.seed, 42);
    assert.throws(() => parseCliArgs(["--seed", "often"]), /--seed must be a whole number/);
    await assert.rejects(start({ seed: -1 }), /seed must be an integer/);
  });
});
