import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { ScalingoClient, type RequestHints, type RequestPriority } from "../../provider/client";
import { IntentJournal } from "../../provider/migration/intent-journal";
import { Migrator } from "../../provider/engines/server/migrator";
import { DEFAULT_TIMEOUTS_MS } from "../../provider/migration/spec";
import type { Simulator } from "../../simulator";
import { DEMO_TOKEN, simulatorWithEnv } from "../support/simulator-env";

/** What the domain tells the request scheduler, seen from the gate, for one migration to finalize. */
describe("migrator: hints for the request scheduler", () => {
  let simulator: Simulator;
  let journalDir: string;
  before(async () => {
    simulator = await simulatorWithEnv({ profile: "fast" });
    journalDir = fs.mkdtempSync(path.join(os.tmpdir(), "hints-journal-"));
  });
  after(async () => {
    await simulator.close();
    fs.rmSync(journalDir, { recursive: true, force: true });
  });

  it("says how much server work each request leads to, and when each look is due", async () => {
    const seen: { priority: RequestPriority; hints: RequestHints; at: number }[] = [];
    const gate = { acquire: async (priority: RequestPriority, hints: RequestHints = {}) => void seen.push({ priority, hints, at: Date.now() }), onRateLimited: () => undefined };
    const client = new ScalingoClient({ apiToken: DEMO_TOKEN, authUrl: simulator.authUrl, gate });
    const expected = { preflight: 5_000, prepare: 30_000, data: 180_000, finalize: 20_000, abort: 15_000 };
    const schedule = { nextDelayMs: () => 30, observe: () => undefined, expectedMs: (step: keyof typeof expected) => expected[step] };
    const migrator = new Migrator({ client, journal: new IntentJournal(journalDir), schedule, log: () => undefined }, "hints");

    await migrator.advance(
      { app: "my-app", sourceRegion: "osc-fr1", destinationRegion: "osc-secnum-fr1", newName: "", stage: "finalize", migrateData: true, timeouts: DEFAULT_TIMEOUTS_MS, owner: "test/hints" },
      { reachedStage: null },
    );

    const work = (priority: RequestPriority) => seen.filter((s) => s.priority === priority && s.hints.workAheadMs !== undefined).map((s) => s.hints.workAheadMs);
    // list and create: the whole path; then each run: the steps from it on; then the new app and its domains: nothing.
    assert.deepEqual(work("read"), [235_000, 0, 0]);
    assert.deepEqual(work("write"), [235_000, 235_000, 230_000, 200_000, 20_000]);
    // Looks at a running step: what its end unblocks, from preflight to finalize.
    assert.deepEqual([...new Set(work("poll"))], [230_000, 200_000, 20_000, 0]);
    // Each look says when its step is expected to be over: a look long before that is a guess.
    const dataLooks = seen.filter((s) => s.priority === "poll" && s.hints.workAheadMs === 20_000);
    for (const look of dataLooks) assert.ok(look.hints.dueAt! > look.at + 170_000, "a look at data is due about 180 s after it started");
  });
});
