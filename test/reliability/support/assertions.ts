import * as assert from "node:assert/strict";
import type { ScenarioResult } from "../scenarios/result";

/**
 * The bar every reliability scenario must clear: each intended migration done, nothing
 * created or run twice, no credential anywhere. `faulted` also requires that the fault
 * actually fired, so that a rule that stopped matching cannot make a test pass vacuously.
 */
export function assertSurvived(result: ScenarioResult, options: { faulted?: boolean } = {}): void {
  const where = `${result.name}: ${JSON.stringify(result)}`;
  assert.equal(result.migrationsCompleted, result.migrationsIntended, `not every migration completed (${result.failure ?? "no error"})\n${where}`);
  assert.equal(result.duplicateCreates, 0, `${result.engine === "client" ? "a destination object was created twice (see duplicatesByKind)" : "a migration was created twice"}\n${where}`);
  assert.equal(result.duplicateRuns, 0, `${result.engine === "client" ? "a deployment, backup or restore one-off was started twice (see duplicatesByKind)" : "a step was run twice"}\n${where}`);
  assert.equal(result.tokenLeaks, 0, `a credential leaked\n${where}`);
  assert.ok(result.credentialsInPlace > 0, `the capture showed no credential even where one must travel: the scan was blind\n${where}`);
  assert.deepEqual(result.violations ?? [], [], `the scenario saw something go wrong\n${where}`);
  if (options.faulted) assert.ok(result.faultsInjected > 0, `the fault never fired\n${where}`);
}
