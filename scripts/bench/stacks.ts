import * as path from "node:path";
import { DEFAULT_BUDGET_PER_MINUTE } from "../../provider/client/request-scheduler";
import { newLocalStack, REPO, type LocalStack } from "../support/local-engine";
import { fleetAppNames } from "./fleet";

/**
 * A fleet split over several stacks, each with its own `pulumi up` (and so its own provider
 * process, request budget and journal), all run at once against one account: what a team with
 * one stack per app or per team does (issue #15). Used by `npm run bench -- --stacks K` and
 * the shared-budget e2e test.
 */
export interface StackFleetOptions {
  authUrl: string;
  apiToken: string;
  /** Apps in the whole fleet (fleet-app-01 …), split as evenly as possible. */
  apps: number;
  stacks: number;
  /** The shared budget's Redis; unset, each process paces itself alone. */
  redisUrl?: string;
  /** Extra environment for every `pulumi up` (e.g. SCALINGO_HTTP_RETRIES). */
  env?: Record<string, string>;
}

export interface StackRun {
  name: string;
  apps: string[];
  /** Null when `pulumi up` succeeded. */
  error: string | null;
  /** Everything the engine printed. */
  output: string[];
}

export interface StackFleetResult {
  wallMs: number;
  stacks: StackRun[];
}

/** Runs every stack's `pulumi up` at once; a failed up is reported, not thrown. */
export async function runStackFleet(options: StackFleetOptions): Promise<StackFleetResult> {
  const slices = splitFleet(options.apps, options.stacks);
  const locals: LocalStack[] = [];
  try {
    for (const [i, slice] of slices.entries()) {
      const local = await newLocalStack({
        program: fleetProgram,
        projectName: "scalingo-fleet",
        stackName: `slice-${i + 1}`,
        env: {
          SCALINGO_AUTH_URL: options.authUrl,
          SCALINGO_API_TOKEN: options.apiToken,
          // Set either way: the engine inherits this process's environment, which other
          // suites of a test run may have changed.
          SCALINGO_BUDGET_REDIS_URL: options.redisUrl ?? "",
          SCALINGO_REQUESTS_PER_MINUTE: String(DEFAULT_BUDGET_PER_MINUTE),
          ...options.env,
        },
      });
      locals.push(local);
      await local.stack.setAllConfig({
        "scalingo-fleet:count": { value: String(slice.count) },
        "scalingo-fleet:first": { value: String(slice.first) },
        "scalingo-fleet:stage": { value: "finalize" },
      });
    }
    const started = Date.now();
    const stacks = await Promise.all(
      locals.map(async (local, i): Promise<StackRun> => {
        const output: string[] = [];
        const slice = slices[i]!;
        const run = { name: `slice-${i + 1}`, apps: fleetAppNames(slice.first + slice.count - 1).slice(slice.first - 1), output };
        try {
          await local.stack.up({ onOutput: (line) => output.push(line), parallel: slice.count + 1, color: "never" });
          return { ...run, error: null };
        } catch (error) {
          return { ...run, error: error instanceof Error ? error.message : String(error) };
        }
      }),
    );
    return { wallMs: Date.now() - started, stacks };
  } finally {
    for (const local of locals) local.remove();
  }
}

/** `apps` apps over `stacks` stacks: consecutive slices whose sizes differ by one at most. */
export function splitFleet(apps: number, stacks: number): { first: number; count: number }[] {
  if (!Number.isInteger(stacks) || stacks < 1 || stacks > apps) throw new Error(`--stacks must be a whole number from 1 to the fleet size (${apps}), got '${stacks}'`);
  const slices: { first: number; count: number }[] = [];
  let first = 1;
  for (let i = 0; i < stacks; i++) {
    const count = Math.floor(apps / stacks) + (i < apps % stacks ? 1 : 0);
    slices.push({ first, count });
    first += count;
  }
  return slices;
}

/** The fleet example, run inline by the Automation API (fresh each time: it reads its config). */
export async function fleetProgram(): Promise<Record<string, unknown>> {
  const main = require.resolve(path.join(REPO, "dist", "examples", "fleet", "index.js"));
  delete require.cache[main];
  return require(main) as Record<string, unknown>;
}
