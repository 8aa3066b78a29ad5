import * as assert from "node:assert/strict";
import type { PollSchedule } from "../../provider/migration/poll-schedule";
import type { MigrationSnapshot } from "../../provider/migration/snapshot";
import { waitUntil } from "../../provider/migration/waiter";
import { snapshot } from "../support/snapshots";

const T0 = Date.parse("2026-11-26T10:00:00Z");

function migration(status: MigrationSnapshot["status"], finishedAt: number | null): MigrationSnapshot {
  return snapshot(status, { startedAt: new Date(T0).toISOString(), finishedAt: finishedAt === null ? null : new Date(finishedAt).toISOString() });
}

/** A wait on a virtual clock: looks every 10 s; the server answers `answers` in turn. */
async function learnedFrom(answers: MigrationSnapshot[]): Promise<{ observed: number[]; dueAts: number[] }> {
  let clock = T0;
  const observed: number[] = [];
  const dueAts: number[] = [];
  const schedule: PollSchedule = { nextDelayMs: () => 10_000, observe: (_step, ms) => observed.push(ms), expectedMs: () => 25_000 };
  const queue = [...answers];
  await waitUntil(
    async (dueAt) => {
      dueAts.push(dueAt);
      return queue.shift()!;
    },
    (m) => m.status === "prepared",
    migration("preflight-success", null),
    { step: "prepare", timeoutMs: 60_000, schedule, onSubStep: () => undefined, watchedFromStart: true, sleep: async (ms) => void (clock += ms), now: () => clock },
  );
  return { observed, dueAts };
}

describe("waiter", () => {
  it("learns the duration from the server's end time, not from when a queued look saw it", async () => {
    // Running at 10 s and 20 s, over at 30 s; the server says it ended at 22 s.
    const { observed } = await learnedFrom([migration("running", null), migration("running", null), migration("prepared", T0 + 22_000)]);
    assert.deepEqual(observed, [22_000]);
  });

  it("keeps a skewed server clock between the last look that saw the step running and the one that saw it over", async () => {
    const behind = await learnedFrom([migration("running", null), migration("prepared", T0 + 3_000)]);
    assert.deepEqual(behind.observed, [10_000]);
    const ahead = await learnedFrom([migration("running", null), migration("prepared", T0 + 95_000)]);
    assert.deepEqual(ahead.observed, [20_000]);
    const silent = await learnedFrom([migration("running", null), migration("prepared", null)]);
    assert.deepEqual(silent.observed, [15_000]);
  });

  it("tells each look when its step is expected to be over", async () => {
    const { dueAts } = await learnedFrom([migration("running", null), migration("prepared", T0 + 12_000)]);
    assert.deepEqual(dueAts, [T0 + 25_000, T0 + 25_000]);
  });
});
