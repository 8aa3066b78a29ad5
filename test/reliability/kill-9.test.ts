import * as assert from "node:assert/strict";
import { requireEngine } from "../support/pulumi-engine";
import { runPosts } from "../e2e/e2e-harness";
import { killScenario, randomKillPoint } from "./scenarios/kill-scenario";
import { assertSurvived } from "./support/assertions";
import { seededRandom } from "./support/seeded-random";

/**
 * Random runs here (plus one deterministic kill point below); `npm run reliability -- --kills N`
 * runs more. RELIABILITY_SEED replays a schedule.
 */
const RUNS = 2;

describe("reliability: kill -9 of pulumi up at random points (real engine)", function () {
  this.timeout(180_000);
  const seed = Number(process.env.RELIABILITY_SEED ?? Date.now() % 1_000_000);
  const random = seededRandom(seed);

  before(function () {
    requireEngine(this);
    console.log(`      kill schedule seed: ${seed} (replay with RELIABILITY_SEED=${seed})`);
  });

  // Each run: killed, the orphaned provider gone within seconds without a write, one recovery
  // `up` (assertSurvived checks these through the scenario's violations).
  for (let run = 1; run <= RUNS; run++) {
    it(`run ${run}: the orphan stops without a write; after one recovery up the migration is done, created once, each step run once, no credential anywhere`, async () => {
      const result = await killScenario(randomKillPoint(random), `seed ${seed}, run ${run}`);
      assertSurvived(result);
      assert.equal(result.evidence?.killed, 1, JSON.stringify(result));
      assert.equal(result.evidence?.recoveryUps, 1, JSON.stringify(result));
      assert.equal(result.evidence?.creates, 1, JSON.stringify(result));
    });
  }

  // Where an orphan would do harm: preflight is about to end, and a provider left running
  // would start prepare behind the user's back. It stops first (it announces every write on
  // its output, which the dead engine no longer reads, and its watchdog finds the engine gone).
  it("killed just before preflight ends: the orphaned provider does not start prepare; the recovery does", async () => {
    const point = { label: "while preflight runs", when: (simulator: Parameters<typeof runPosts>[0]) => runPosts(simulator, "my-app").length === 1 };
    const result = await killScenario(point, "deterministic");
    assertSurvived(result);
    assert.equal(result.evidence?.orphanWrites, 0, JSON.stringify(result));
    assert.equal(result.evidence?.creates, 1, JSON.stringify(result));
  });

  // Finalize keeps running on Scalingo's side after the kill (a step already sent cannot be
  // called back): the migration reaches done with nobody watching, and the recovery must adopt
  // it through the intent journal rather than create a second one.
  it("killed while finalize runs: the recovery adopts the migration Scalingo finished on its own, no second create", async () => {
    const point = { label: "while finalize runs", when: (simulator: Parameters<typeof runPosts>[0]) => runPosts(simulator, "my-app").length === 4 };
    const result = await killScenario(point, "deterministic");
    assertSurvived(result);
    assert.equal(result.evidence?.creates, 1, JSON.stringify(result));
  });
});
