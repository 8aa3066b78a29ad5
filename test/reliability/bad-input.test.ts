import * as assert from "node:assert/strict";
import { BadInputBench } from "./scenarios/bad-input-scenario";
import { BAD_INPUTS } from "./scenarios/bad-inputs";

/**
 * Every input, every way to get it wrong, through the provider's check() against the
 * simulator: a failure naming the property and the fix, and no write on the server (the
 * token exchange the online checks need is not a write).
 */
describe("reliability: bad input is refused by check, with the fix, without a write", function () {
  this.timeout(60_000);
  let bench: BadInputBench;

  before(async () => {
    bench = await BadInputBench.start();
  });
  after(() => bench?.close());

  for (const row of BAD_INPUTS) {
    it(`refuses ${row.title} (${row.property}${row.online ? ", online" : ""})`, async () => {
      const outcome = await bench.check(row);
      assert.ok(outcome.refused, outcome.problem);
    });
  }
});
