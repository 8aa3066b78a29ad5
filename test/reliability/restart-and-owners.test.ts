import * as assert from "node:assert/strict";
import { simulatorRestartScenario } from "./scenarios/restart-scenario";
import { twoOwnersScenario } from "./scenarios/two-owners-scenario";
import { assertSurvived } from "./support/assertions";

describe("reliability: server restart and competing owners, through the serialized provider", function () {
  this.timeout(120_000);

  it("rides out the API restarting from its state file in the middle of prepare", async () => {
    const result = await simulatorRestartScenario();
    assertSurvived(result);
    assert.ok(Number(result.evidence?.requestsAfterRestart) > 0, "the provider never talked to the restarted server");
  });

  it("refuses a second owner of the same app by naming the migration in flight and migrationId; the first is not disturbed", async () => {
    const result = await twoOwnersScenario();
    assertSurvived(result);
    const evidence = result.evidence!;
    assert.equal(evidence.secondCompleted, 0, "the second owner's migration must not go ahead");
    assert.equal(evidence.secondNamesMigration, 1, `the refusal must name ${evidence.inFlight} and migrationId: ${evidence.secondMessage}`);
    assert.match(String(evidence.secondMessage), /already has a region migration in progress/);
  });
});
