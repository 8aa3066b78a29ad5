import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { Simulator } from "../../simulator";
import { loadSerializedProvider, type LoadedProvider } from "./serialized-provider";
import { simulatorWithEnv } from "./simulator-env";

export interface ProviderWorld {
  readonly simulator: Simulator;
  readonly provider: LoadedProvider;
  /** Points the provider at a new, empty journal folder, as on another machine. */
  freshJournal(): string;
}

/**
 * The hooks of an in-process provider suite: for each test, a journal folder of its own, a
 * fresh simulator, and the provider serialized as Pulumi does, configured for it.
 */
export function providerWorld(): ProviderWorld {
  let simulator: Simulator | undefined;
  let provider: LoadedProvider | undefined;
  const journalDirs: string[] = [];
  const freshJournal = () => {
    journalDirs.push(fs.mkdtempSync(path.join(os.tmpdir(), "journal-")));
    return (process.env.PULUMI_SCALINGO_JOURNAL_DIR = journalDirs.at(-1)!);
  };
  beforeEach(async () => {
    freshJournal();
    simulator = await simulatorWithEnv();
    provider = await loadSerializedProvider();
    await provider.configure();
  });
  afterEach(async () => {
    await simulator?.close();
    for (const dir of journalDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });
  return {
    freshJournal,
    get simulator() {
      if (!simulator) throw new Error("the simulator starts in beforeEach");
      return simulator;
    },
    get provider() {
      if (!provider) throw new Error("the provider loads in beforeEach");
      return provider;
    },
  };
}
