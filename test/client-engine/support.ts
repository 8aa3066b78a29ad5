import * as fs from "node:fs";
import * as os from "node:os";
import * as assert from "node:assert/strict";
import * as path from "node:path";
import { ClientEngine } from "../../provider/engines/client/client-engine";
import { ClientRecords } from "../../provider/engines/client/record";
import { MigrationError } from "../../provider/migration/errors";
import { DEFAULT_TIMEOUTS_MS, type MigrationSpec } from "../../provider/migration/spec";
import type { Stage } from "../../provider/migration/stages";
import { DESTINATION, publicWorld, SOURCE } from "../client/support/public-world";

/**
 * A client engine on a fresh simulator (fast asynchrony, no rate limit) for each test, with
 * its records in a folder of its own and its progress lines kept.
 */
export function clientEngineWorld() {
  const world = publicWorld();
  let records: ClientRecords | undefined;
  const lines: string[] = [];
  beforeEach(() => {
    records = new ClientRecords(fs.mkdtempSync(path.join(os.tmpdir(), "client-records-")));
    lines.length = 0;
  });
  const engine = () => new ClientEngine({ api: () => world.api, records: records!, log: (line) => lines.push(line), sleep: (ms) => new Promise((r) => setTimeout(r, Math.min(ms, 50))) }, "shop");
  return {
    world,
    engine,
    lines,
    get records() {
      return records!;
    },
  };
}

export function specFor(app: string, stage: Stage, extra: Partial<MigrationSpec> = {}): MigrationSpec {
  return {
    app,
    sourceRegion: SOURCE,
    destinationRegion: DESTINATION,
    newName: "",
    stage,
    migrateData: true,
    timeouts: { ...DEFAULT_TIMEOUTS_MS },
    owner: `proj/dev/${app}`,
    engine: "client",
    ...extra,
  };
}

/** The error of a step that must fail, with the snapshot it carries. */
export async function failure(promise: Promise<unknown>): Promise<MigrationError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof MigrationError, `a MigrationError, got ${String(error)}`);
    return error;
  }
  assert.fail("the step succeeded");
}
