import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { loadSerializedProvider, type LoadedProvider } from "../../support/serialized-provider";
import type { Props } from "./declarations";
import type { DriveResult } from "./migrator-driver";

let shared: Promise<LoadedProvider> | undefined;

/**
 * The provider exactly as Pulumi serializes it, loaded once per process (serializing is slow
 * and the runtime's state is per process anyway). The intent journal goes to a temporary
 * folder, never to the user's home.
 */
export function sharedProvider(): Promise<LoadedProvider> {
  process.env.PULUMI_SCALINGO_JOURNAL_DIR ??= fs.mkdtempSync(path.join(os.tmpdir(), "reliability-journal-"));
  shared ??= loadSerializedProvider();
  return shared;
}

/**
 * What `pulumi up` does for a new AppMigration: check, then create. Call after
 * simulatorWithEnv(): configure() drops the client the runtime built for the previous
 * simulator's address.
 */
export async function driveWithProvider(declared: Props): Promise<DriveResult> {
  const provider = await sharedProvider();
  await provider.configure();
  const logsBefore = provider.logs.length;
  const logs = () => provider.logs.slice(logsBefore);
  try {
    const checked = await provider.check({}, declared);
    if (checked.failures.length) return { error: new Error(`check refused: ${JSON.stringify(checked.failures)}`), logs: logs() };
    const { outs } = await provider.create(checked.inputs);
    return { outputs: outs, logs: logs() };
  } catch (error) {
    return { error, logs: logs() };
  }
}
