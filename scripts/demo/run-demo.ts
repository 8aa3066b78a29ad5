import type { OutputMap } from "@pulumi/pulumi/automation";
import { DEFAULT_API_TOKEN, startSimulator, type AsyncTimings } from "../../simulator";
import { locatePulumi, type LocalStack } from "../support/local-engine";
import { clientDemo } from "./client-demo";
import { demoOutput, type Write } from "./output";
import { serverDemo } from "./server-demo";

export type DemoEngine = "server" | "client";

export interface DemoOptions {
  engine: DemoEngine;
  write: Write;
  color?: boolean;
  /** The public API's asynchronous jobs (provisioning, builds, backups, one-offs); tests make them short. */
  asyncTimings?: Partial<AsyncTimings>;
}

/** What a run leaves for its test to check: the last stack's outputs, and what must be gone by now. */
export interface DemoRun {
  outputs: OutputMap;
  /** The simulator's address (closed by now; dynamic providers started for it must be gone too). */
  authUrl: string;
  /** The stacks' temporary folders (removed by now). */
  folders: string[];
}

/** Long enough to watch each wait go by, short enough for a demo. */
const WATCHABLE_ASYNC: Partial<AsyncTimings> = { operation: 800, addon: 2_000, backup: 1_500, deployment: 3_000, oneOff: 1_500 };

/**
 * A whole migration on this machine: the embedded simulator, the root Pulumi program on the
 * real engine, a file backend in a temporary folder per stack. Everything it starts is
 * stopped and every folder removed before it returns, whatever happened (the dynamic
 * provider processes end with the engine's `up`).
 */
export async function runDemo(options: DemoOptions): Promise<DemoRun> {
  const out = demoOutput(options.write, options.color ?? false);
  out.say("Looking for the Pulumi CLI (built from the Go module proxy on first use; this can take a few minutes)…");
  if (!locatePulumi()) throw new Error("no Pulumi CLI and none could be built: install Pulumi or Go, see scripts/pulumi-cli.sh");
  const simulator = await startSimulator({
    port: 0,
    // The account's 60 requests a minute would stretch the client engine's ~110 requests to two
    // minutes: raised for the demo (the provider's budget below follows it).
    rateLimitPerMinute: 600,
    // Seconds, not minutes: long enough to watch the sub-steps go by.
    stepDurations: { preflight: 1_500, prepare: 4_000, data: 4_000, finalize: 2_500, abort: 2_500 },
  });
  simulator.setAsyncTimings({ ...WATCHABLE_ASYNC, ...options.asyncTimings });
  const env = { SCALINGO_AUTH_URL: simulator.authUrl, SCALINGO_API_TOKEN: DEFAULT_API_TOKEN, SCALINGO_REGION: "osc-fr1", SCALINGO_REQUESTS_PER_MINUTE: "580" };
  const stacks: LocalStack[] = [];
  const cleanup = async () => {
    for (const s of stacks.splice(0)) s.remove();
    await simulator.close();
  };
  // Ctrl-C: the engine's `up` dies with the terminal's signal; its folders and the simulator go here.
  const interrupted = () => void cleanup().finally(() => process.exit(130));
  process.once("SIGINT", interrupted);
  try {
    out.say(`Scalingo simulator listening: SCALINGO_AUTH_URL=${simulator.authUrl} (request budget raised to 580/min for the demo; a real account allows 60)`);
    const outputs = options.engine === "client" ? await clientDemo(simulator, env, stacks, out) : await serverDemo(simulator, env, stacks, out);
    return { outputs, authUrl: simulator.authUrl, folders: stacks.map((s) => s.dir) };
  } finally {
    process.removeListener("SIGINT", interrupted);
    await cleanup();
  }
}
