import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { ScalingoClient, type ScalingoClientOptions } from "../../../provider/client";
import { IntentJournal } from "../../../provider/migration/intent-journal";
import { Migrator } from "../../../provider/engines/server/migrator";
import type { PollSchedule } from "../../../provider/migration/poll-schedule";
import { toSpec, validateInputs } from "../../../provider/pulumi/inputs";
import { DEMO_TOKEN } from "../../support/simulator-env";
import type { Props } from "./declarations";
import { SHORT_TIMEOUT_MS } from "./fault-kinds";

/**
 * The migration domain driven directly, with a client whose timeout is short enough for
 * latency faults to exceed it (the provider gets the same through SCALINGO_HTTP_TIMEOUT_MS).
 */
export function shortTimeoutClient(authUrl: string, options: Partial<ScalingoClientOptions> = {}): ScalingoClient {
  return new ScalingoClient({ apiToken: DEMO_TOKEN, authUrl, timeoutMs: SHORT_TIMEOUT_MS, retryBaseDelayMs: 50, ...options });
}

/** The simulator's fast profile ends a step in well under a second: look every 100 ms. */
const QUICK_LOOKS: PollSchedule = { nextDelayMs: () => 100, observe: () => undefined, expectedMs: () => 1_000 };

export interface DriveResult {
  /** The final outputs, when the migration reached its stage. */
  outputs?: Props;
  error?: unknown;
  logs: string[];
}

export async function driveWithMigrator(client: ScalingoClient, declared: Props): Promise<DriveResult> {
  const logs: string[] = [];
  const { inputs, failures } = validateInputs({}, declared, {});
  if (!inputs || failures.length) return { error: new Error(`declaration refused: ${JSON.stringify(failures)}`), logs };
  const journalDir = fs.mkdtempSync(path.join(os.tmpdir(), "reliability-journal-"));
  const migrator = new Migrator(
    { client, journal: new IntentJournal(journalDir), schedule: QUICK_LOOKS, log: (line) => logs.push(line) },
    String(declared.app),
  );
  try {
    const outputs = await migrator.advance(toSpec(inputs), { reachedStage: null });
    return { outputs: outputs as unknown as Props, logs };
  } catch (error) {
    return { error, logs };
  } finally {
    fs.rmSync(journalDir, { recursive: true, force: true });
  }
}
