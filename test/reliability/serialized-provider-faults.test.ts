import * as assert from "node:assert/strict";
import { faultScenario } from "./scenarios/fault-scenario";
import { rateLimitStormScenario } from "./scenarios/rate-limit-scenario";
import { assertSurvived } from "./support/assertions";
import { FAULT_KINDS } from "./support/fault-kinds";
import { PHASES } from "./support/routes";

/**
 * The same faults through the provider exactly as Pulumi serializes and runs it (client and
 * request budget built from the environment), during create, during a run POST and during
 * polling, then a 429 storm. Latency faults run with SCALINGO_HTTP_TIMEOUT_MS shortened, as a
 * user would on a slow network, so that they exceed the provider's timeout.
 *
 * Kept last of the in-process suites (file name): the runtime's poll schedule is per process
 * and learns step durations from these long, fault-stretched waits, which slows later suites.
 */
describe("reliability: faults through the serialized provider", function () {
  this.timeout(120_000);

  for (const route of PHASES) {
    for (const kind of FAULT_KINDS) {
      it(`${kind.name} during ${route.name}: completes, no duplicate create or run`, async () => {
        assertSurvived(await faultScenario(route, kind, "provider"), { faulted: true });
      });
    }
  }

  it("a 429 storm only delays the migration: done, nothing sent twice", async () => {
    const result = await rateLimitStormScenario();
    assertSurvived(result);
    assert.ok(Number(result.evidence?.rateLimited) > 0, `the storm never happened: ${JSON.stringify(result)}`);
  });
});
