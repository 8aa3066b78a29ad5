import { ScalingoClient } from "../../../provider/client";
import type { Simulator } from "../../../simulator";
import { DEMO_TOKEN, simulatorWithEnv, writesIn } from "../../support/simulator-env";
import { declaration, type Props } from "../support/declarations";
import { sharedProvider } from "../support/provider-driver";
import { secretsIn } from "../support/secret-scan";
import { BAD_INPUTS, VALID, type BadInput, type BadInputContext } from "./bad-inputs";

export interface BadInputOutcome {
  title: string;
  failures: { property: string; reason: string }[];
  /** Requests that changed something on the server during the check (must be none). */
  writes: string[];
  refused: boolean;
  /** Why the row does not count as refused. */
  problem?: string;
}

/**
 * The provider's check() against a live simulator, one bad declaration at a time. The world
 * holds one migration of another app, for the "migrationId of another app" row.
 */
export class BadInputBench {
  private constructor(
    private readonly simulator: Simulator,
    private readonly context: BadInputContext,
  ) {}

  static async start(): Promise<BadInputBench> {
    const simulator = await simulatorWithEnv();
    const client = new ScalingoClient({ apiToken: DEMO_TOKEN, authUrl: simulator.authUrl });
    const other = await client.createMigration("osc-fr1", "my-app-2", { destination: "osc-secnum-fr1", dstAppName: "" });
    await (await sharedProvider()).configure();
    return new BadInputBench(simulator, { otherAppMigrationId: other.id });
  }

  async check(row: BadInput): Promise<BadInputOutcome> {
    const provider = await sharedProvider();
    const overrides = typeof row.news === "function" ? row.news(this.context) : row.news;
    const news = withOverrides({ ...declaration(String(VALID.app)), ...VALID }, overrides);
    this.simulator.clearRequests();
    const restoreEnv = setEnv(row.env ?? {});
    let failures: BadInputOutcome["failures"];
    try {
      failures = (await provider.check(row.olds ?? {}, news)).failures;
    } catch (error) {
      return { title: row.title, failures: [], writes: [], refused: false, problem: `check threw: ${(error as Error).message}` };
    } finally {
      restoreEnv();
    }
    const writes = writesIn(this.simulator).map((r) => `${r.method} ${r.path}`);
    const named = failures.find((f) => f.property === row.property);
    const problem = !named
      ? `no failure on ${row.property}: ${JSON.stringify(failures)}`
      : !row.fix.test(named.reason)
        ? `reason does not say the fix (${row.fix}): ${named.reason}`
        : writes.length
          ? `the check wrote: ${writes.join(", ")}`
          : secretsIn(failures, [DEMO_TOKEN]).length
            ? "a reason holds a credential"
            : undefined;
    return { title: row.title, failures, writes, refused: problem === undefined, ...(problem ? { problem } : {}) };
  }

  close(): Promise<void> {
    return this.simulator.close();
  }
}

export async function badInputScenario(rows: readonly BadInput[] = BAD_INPUTS): Promise<{ tried: number; refused: number; outcomes: BadInputOutcome[] }> {
  const bench = await BadInputBench.start();
  try {
    const outcomes: BadInputOutcome[] = [];
    for (const row of rows) outcomes.push(await bench.check(row));
    return { tried: outcomes.length, refused: outcomes.filter((o) => o.refused).length, outcomes };
  } finally {
    await bench.close();
  }
}

function withOverrides(base: Props, overrides: Props): Props {
  const result = { ...base, ...overrides };
  for (const [key, value] of Object.entries(overrides)) if (value === undefined) delete result[key];
  return result;
}

function setEnv(values: Record<string, string>): () => void {
  const saved = Object.fromEntries(Object.keys(values).map((key) => [key, process.env[key]]));
  Object.assign(process.env, values);
  return () => {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  };
}
