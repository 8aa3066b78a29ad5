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
    up: () => retryUnconnected("up", output, () => stack.up({ onOutput, color: "never" })),
    preview: () => retryUnconnected("preview", output, () => stack.preview({ onOutput, color: "never" })),
    refresh: () => stack.refresh({ onOutput, color: "never" }),
    destroy: () => stack.destroy({ onOutput, color: "never" }),
    exportState: async () => JSON.stringify(await stack.exportStack()),
    remove: local.remove,
  };
}

/**
 * Seen once in seven suite runs (2026-11-26), then once in a fresh-clone CI run under load
 * (2026-12-01, an `up` of test/e2e/migration-path): an inline program failed with grpc-js's
 * `14 UNAVAILABLE: No connection established. Last error: null`, the pick-first balancer's
 * answer while its channel to the engine has no address yet, i.e. the program's very first
 * call to the engine, before it registered anything. Pulumi's own inline-program plumbing
 * (the Automation API, which only tests and scripts use here), not the provider: when the
 * failed run's output names no resource but the stack, nothing was registered and no provider
 * was called, so the same command is run once more, loudly. Any other failure, a failure after
 * a resource appeared, and any failure of refresh/destroy, is the test's to see.
 */
async function retryUnconnected<T>(command: string, output: string[], run: () => Promise<T>): Promise<T> {
  const from = output.length;
  try {
    return await run();
  } catch (error) {
    const unconnected = /14 UNAVAILABLE: No connection established/.test(String((error as Error).message));
    if (!unconnected || namesAResource(output.slice(from))) throw error;
    console.log(`\n  !!! the inline program's first call to the engine found no connection (14 UNAVAILABLE) before any resource: ${command} once more\n`);
    return run();
  }
}

/** A resource other than the stack itself in the engine's lines (its type token, e.g. `pulumi-nodejs:dynamic:Resource`). */
function namesAResource(lines: readonly string[]): boolean {
  return lines.some((line) => (line.match(/\b[a-z][\w-]*:[\w-]*:[\w-]+\b/gi) ?? []).some((type) => type !== "pulumi:pulumi:Stack"));
}
