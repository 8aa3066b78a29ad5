import { faultScenario } from "./scenarios/fault-scenario";
import type { ScenarioResult } from "./scenarios/result";
import { assertSurvived } from "./support/assertions";
import { FAULT_KINDS } from "./support/fault-kinds";
import { concurrencyLimit } from "./support/limit-concurrency";
import { ROUTES } from "./support/routes";

/**
 * Every fault kind on every route a migration uses, one at a time, on the migration domain
 * with a 1 s client timeout (so that latency faults outlast it). Each cell is a full
 * migration to finalize on a simulator of its own; cells run eight at a time.
 */
describe("reliability: fault matrix (every route × every fault, short client timeout)", function () {
  this.timeout(180_000);
  const results = new Map<string, Promise<ScenarioResult | Error>>();
  const cell = (route: (typeof ROUTES)[number], kind: (typeof FAULT_KINDS)[number]) => `${route.name} / ${kind.name}`;

  before(() => {
    const limited = concurrencyLimit(8);
    for (const route of ROUTES) {
      for (const kind of FAULT_KINDS) {
        // Settled here so that a cell failing before its `it` awaits it is not unhandled.
        results.set(cell(route, kind), limited(() => faultScenario(route, kind, "migrator")).catch((error: Error) => error));
      }
    }
  });

  for (const route of ROUTES) {
    describe(`${route.method} ${route.path} (${route.name})`, () => {
      for (const kind of FAULT_KINDS) {
        it(`${kind.name}: completes, no duplicate create or run`, async () => {
          const result = await results.get(cell(route, kind))!;
          if (result instanceof Error) throw result;
          assertSurvived(result, { faulted: true });
        });
      }
    });
  }
});
