import type { PulumiFn, Stack } from "@pulumi/pulumi/automation";
import { locatePulumi, newLocalStack } from "../../scripts/support/local-engine";

/** In a mocha `before`: skip the suite loudly without an engine, but never in CI. */
export function requireEngine(context: Mocha.Context): void {
  if (locatePulumi()) return;
  const why = "no pulumi CLI on PATH and none could be built (needs Go and the Go module proxy): see scripts/pulumi-cli.sh";
  if (process.env.CI === "true") throw new Error(`CI must run the engine tests, but ${why}`);
  console.log(`\n  !!! SKIPPING real-engine tests: ${why}\n`);
  context.skip();
}

export interface TestStack {
  stack: Stack;
  dir: string;
  /** Everything the engine printed, for assertions (and token scans). */
  output: string[];
  up(): ReturnType<Stack["up"]>;
  preview(): ReturnType<Stack["preview"]>;
  refresh(): ReturnType<Stack["refresh"]>;
  destroy(): ReturnType<Stack["destroy"]>;
  exportState(): Promise<string>;
  remove(): void;
}

export interface StackOptions {
  program: PulumiFn;
  env: Record<string, string>;
  projectName?: string;
  stackName?: string;
  dir?: string;
}

export async function newStack(options: StackOptions): Promise<TestStack> {
  const local = await newLocalStack(options);
  const output: string[] = [];
  const onOutput = (line: string) => output.push(line);
  const { stack } = local;
  return {
    stack,
    dir: local.dir,
    output,
    up: () => stack.up({ onOutput, color: "never" }),
    preview: () => retryUnconnectedPreview(() => stack.preview({ onOutput, color: "never" })),
    refresh: () => stack.refresh({ onOutput, color: "never" }),
    destroy: () => stack.destroy({ onOutput, color: "never" }),
    exportState: async () => JSON.stringify(await stack.exportStack()),
    remove: local.remove,
  };
}

/**
 * Seen once in seven suite runs (2026-11-26) and never reproduced since: the first preview of
 * an inline program failed with grpc-js's `14 UNAVAILABLE: No connection established`, the
 * message of the picker a gRPC channel has before it first leaves IDLE, i.e. the program's
 * very first call to the engine, before it registered anything. A preview writes nothing, so
 * it is tried once more, loudly; any other failure, and any failure of up/refresh/destroy,
 * is the test's to see.
 */
async function retryUnconnectedPreview<T>(preview: () => Promise<T>): Promise<T> {
  try {
    return await preview();
  } catch (error) {
    if (!/14 UNAVAILABLE: No connection established/.test(String((error as Error).message))) throw error;
    console.log("\n  !!! the inline program's first call to the engine found no connection (14 UNAVAILABLE): previewing once more\n");
    return preview();
  }
}
