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

  for (let run = 1; run <= RUNS; run++) {
    it(`run ${run}: after the user's recovery the migration is done, created once, each step run once, no credential in state or output`, async () => {
      const result = await killScenario(randomKillPoint(random), `seed ${seed}, run ${run}`);
      assertSurvived(result);
      assert.equal(result.evidence?.creates, 1, JSON.stringify(result));
    });
  }

  // The engine's death leaves the provider running until its watchdog notices (about 4 s):
  // killed while finalize runs, the orphan sees the migration to done on its own.
  it("killed while finalize runs: the recovery adopts the migration the orphaned provider finished, no second create", async () => {
    const point = { label: "while finalize runs", when: (simulator: Parameters<typeof runPosts>[0]) => runPosts(simulator, "my-app").length === 4 };
    const result = await killScenario(point, "deterministic");
    assertSurvived(result);
    assert.equal(result.evidence?.creates, 1, JSON.stringify(result));
  });
});
