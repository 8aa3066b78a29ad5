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
    preview: () => stack.preview({ onOutput, color: "never" }),
    refresh: () => stack.refresh({ onOutput, color: "never" }),
    destroy: () => stack.destroy({ onOutput, color: "never" }),
    exportState: async () => JSON.stringify(await stack.exportStack()),
    remove: local.remove,
  };
}
