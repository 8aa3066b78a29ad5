import * as assert from "node:assert/strict";
import { revokedBearerScenario, shortLivedBearerScenario } from "./scenarios/token-expiry-scenario";
import { assertSurvived } from "./support/assertions";

describe("reliability: bearer lifetime, through the serialized provider", function () {
  this.timeout(120_000);

  it("a bearer expiring during a long step is replaced: done, with fresh exchanges and no stale bearer sent", async () => {
    const result = await shortLivedBearerScenario();
    assertSurvived(result);
    assert.ok(Number(result.evidence?.exchanges) >= 2, `expected at least two exchanges: ${JSON.stringify(result.evidence)}`);
    assert.equal(result.evidence?.refusedBearers, 0, "an expired bearer was sent to a region");
  });

  it("a bearer refused (401) mid-wait is exchanged again and the wait goes on", async () => {
    const result = await revokedBearerScenario();
    assertSurvived(result, { faulted: true });
    assert.ok(Number(result.evidence?.exchanges) >= 2, `expected a second exchange after the 401: ${JSON.stringify(result.evidence)}`);
  });
});
