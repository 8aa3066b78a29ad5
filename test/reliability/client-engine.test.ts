import * as assert from "node:assert/strict";
import { requireEngine } from "../support/pulumi-engine";
import { CLIENT_FAULT_CASES, clientFaultScenario } from "./scenarios/client/fault-scenario";
import { CLIENT_KILL_POINTS, clientKillScenario } from "./scenarios/client/kill-scenario";
import { assertSurvived } from "./support/assertions";
import { seededRandom } from "./support/seeded-random";

/**
 * The client engine under the reliability bar (test/e2e/client-engine.test.ts has its happy
 * path, an abort and two fixed kill points; test/client-engine/ its scripted failures): here
 * the audit counts every destination object and every start per kind from the simulator,
 * and the leak scan looks for a secret variable planted in the source, addon tokens and
 * backup URLs. `npm run reliability` runs all the cases and more kill points.
 */
describe("reliability: the client engine (public API) under faults and kill -9", function () {
  this.timeout(180_000);

  const byName = (start: string) => CLIENT_FAULT_CASES.find((c) => c.name.startsWith(start))!;

  it("answers lost after the server acted (502 after processing on destination creates): a re-run up finds each object, none is made twice", async () => {
    const result = await clientFaultScenario(byName("lost answers: 502 after processing"));
    assertSurvived(result, { faulted: true });
    assert.ok(Number(result.evidence?.ups) > 1, `the faults should have failed at least one up: ${JSON.stringify(result)}`);
    assert.deepEqual(result.duplicatesByKind, {});
  });

  it("a build, a backup, a restore and an addon provisioning fail once each: every re-run up reconciles prepare again and makes nothing twice", async () => {
    const result = await clientFaultScenario(byName("async failures"));
    assertSurvived(result, { faulted: true });
    assert.equal(result.evidence?.ups, 5, `one up per failure, then the one that succeeds: ${JSON.stringify(result)}`);
  });

  for (const start of ["connection dropped after processing on the backup's start", "lost answer on the restore one-off's start"]) {
    it(`${start}: the re-run up adopts what was started instead of starting it again`, async () => {
      const result = await clientFaultScenario(byName(start));
      assertSurvived(result, { faulted: true });
      assert.equal(result.evidence?.ups, 2, JSON.stringify(result));
    });
  }

  it("dropped connections and timeouts on polls: retried by the client, one up, nothing made twice", async () => {
    const result = await clientFaultScenario(byName("dropped connections and timeouts"));
    assertSurvived(result, { faulted: true });
    assert.equal(result.evidence?.ups, 1, JSON.stringify(result));
  });

  describe("kill -9 of pulumi up (engine: client) at a sub-step drawn from RELIABILITY_SEED", () => {
    const seed = Number(process.env.RELIABILITY_SEED ?? Date.now() % 1_000_000);
    const point = CLIENT_KILL_POINTS[Math.floor(seededRandom(seed)() * CLIENT_KILL_POINTS.length)]!;
    const stage = seed % 2 === 0 ? "finalize" : "data";

    before(function () {
      requireEngine(this);
      console.log(`      client kill point: ${point.label}, to ${stage} (seed ${seed}; replay with RELIABILITY_SEED=${seed})`);
    });

    it(`the orphan stops, the user's recovery ends with the same destination (or abort puts the source back), nothing made twice, no secret anywhere`, async () => {
      const result = await clientKillScenario(point, stage, `seed ${seed}`);
      assertSurvived(result);
      assert.equal(result.evidence?.killed, 1, JSON.stringify(result));
    });
  });
});
