import * as assert from "node:assert/strict";
import { ScalingoConfigError } from "../../provider/client/errors";
import { sharedBudgetPacer } from "../../provider/client/shared-budget";
import type { SharedPacer } from "../../provider/client/shared-pacer";

/** The settings of the shared budget: off unless asked, checked at the edge. */
describe("shared budget settings", () => {
  const context = (lines: string[] = []) => ({ apiToken: "tk-test", budgetPerMinute: 58, log: (line: string) => lines.push(line) });

  it("changes nothing without scalingo:budgetRedisUrl or SCALINGO_BUDGET_REDIS_URL", () => {
    assert.equal(sharedBudgetPacer({}, {}, context()), undefined);
    assert.equal(sharedBudgetPacer({ budgetRedisUrl: "" }, { SCALINGO_BUDGET_REDIS_URL: "" }, context()), undefined);
  });

  it("rejects what is not a Redis URL, and a local share outside 1..budget, naming the setting", () => {
    const bad = (settings: object, env: NodeJS.ProcessEnv, setting: string) =>
      assert.throws(() => sharedBudgetPacer(settings, env, context()), (e: unknown) => e instanceof ScalingoConfigError && e.setting === setting);
    bad({ budgetRedisUrl: "http://127.0.0.1:6379" }, {}, "scalingo:budgetRedisUrl");
    bad({}, { SCALINGO_BUDGET_REDIS_URL: "127.0.0.1:6379" }, "scalingo:budgetRedisUrl");
    bad({ budgetRedisUrl: "redis://127.0.0.1:6379", fallbackRequestsPerMinute: "0" }, {}, "scalingo:budgetFallbackRequestsPerMinute");
    bad({}, { SCALINGO_BUDGET_REDIS_URL: "redis://127.0.0.1:6379", SCALINGO_BUDGET_FALLBACK_PER_MINUTE: "59" }, "scalingo:budgetFallbackRequestsPerMinute");
  });

  it("falls back to a quarter of the budget by default, or to the share configured", async () => {
    for (const [fallback, expected] of [[undefined, 14], ["20", 20]] as const) {
      const lines: string[] = [];
      // Port 1: nothing listens, so the pacer says at once what it falls back to.
      const factory = sharedBudgetPacer({ budgetRedisUrl: "redis://127.0.0.1:1", ...(fallback ? { fallbackRequestsPerMinute: fallback } : {}) }, {}, context(lines));
      const pacer = factory!(1_035) as SharedPacer;
      try {
        await pacer.slot();
        assert.match(lines.join("\n"), new RegExp(`goes on alone at ${expected} requests a minute`));
      } finally {
        pacer.close();
      }
    }
  });
});
