import * as assert from "node:assert/strict";
import type { Simulator } from "../../../simulator";
import { callsNamed, stepEnds, type GoCall, type GoRun } from "./go-client";

/** Checks shared by the go-scalingo interop suites. */

/** How Go prints a zero time.Time: what go-scalingo makes of `finished_at: null`. */
export const GO_ZERO_TIME = "0001-01-01T00:00:00Z";

/** go-scalingo appends a bare `?` to every GET and DELETE; the simulator must answer them normally. */
export function assertGetsEndWithQuestionMark(run: GoRun, sim: Simulator): void {
  const gets = run.sent.filter((r) => r.method === "GET" || r.method === "DELETE");
  assert.ok(gets.length > 0, "go-scalingo's DEBUG log showed no GET");
  for (const request of gets) assert.match(request.url, /\?$/, `${request.method} ${request.url}`);
  const answered = sim.requests().filter((r) => r.method === "GET");
  assert.ok(answered.length >= gets.length);
  assert.deepEqual(answered.filter((r) => r.status !== 200), []);
}

export function assertUnprocessable(call: GoCall, field: string, message: RegExp): void {
  assert.equal(call.ok, false, `${call.call} should have failed`);
  const error = call.error!;
  assert.deepEqual([error.status, error.apiErrorType], [422, "http.UnprocessableEntity"], JSON.stringify(error));
  assert.match(error.fields?.[field]?.[0] ?? "", message);
}

/** The run ended with an abort go-scalingo saw complete, and the simulator's world is restored. */
export function assertAborted(run: GoRun, sim: Simulator, abortSteps: string[]): void {
  const before = stepEnds(run).abort;
  assert.ok(before, `no abort wait in:\n${run.stdout}`);
  const aborted = before.value;
  assert.equal(aborted.status, "aborted");
  assert.notEqual(aborted.finished_at, GO_ZERO_TIME);
  const abortRun = callsNamed(run, "RunRegionMigrationStep").find((c) => c.args?.step === "abort")!;
  assert.equal(abortRun.ok, true);
  assert.deepEqual(aborted.steps.slice(-abortSteps.length).map((s: { name: string }) => s.name), abortSteps);
  assert.equal(sim.app("osc-secnum-fr1", aborted.dst_app_name), undefined);
  const source = sim.app("osc-fr1", aborted.src_app_name)!;
  assert.deepEqual([source.status, source.migrating, source.redirect], ["running", false, null]);
}

export async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
