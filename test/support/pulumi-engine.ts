import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { LocalWorkspace, PulumiCommand, type PulumiFn, type Stack } from "@pulumi/pulumi/automation";

/**
 * The real Pulumi engine for tests: the CLI from scripts/pulumi-cli.sh (built from the Go
 * module proxy when not on PATH), a file backend and a private PULUMI_HOME in a temporary
 * folder inside the repository (the dynamic provider resolves this package from there).
 */
const REPO = path.resolve(__dirname, "..", "..", "..");
const SCRATCH = path.join(REPO, ".tmp-e2e");

let located: { root: string; binDir: string } | null | undefined;

export function locatePulumi(): { root: string; binDir: string } | null {
  if (located !== undefined) return located;
  try {
    const binDir = execFileSync(path.join(REPO, "scripts", "pulumi-cli.sh"), { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] }).trim();
    located = { binDir, root: path.dirname(binDir) };
  } catch {
    located = null;
  }
  return located;
}

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
  up(): Promise<Awaited<ReturnType<Stack["up"]>>>;
  preview(): Promise<Awaited<ReturnType<Stack["preview"]>>>;
  refresh(): Promise<Awaited<ReturnType<Stack["refresh"]>>>;
  destroy(): Promise<Awaited<ReturnType<Stack["destroy"]>>>;
  exportState(): Promise<string>;
  remove(): Promise<void>;
}

export interface StackOptions {
  program: PulumiFn;
  env: Record<string, string>;
  projectName?: string;
  stackName?: string;
  config?: Record<string, { value: string; secret?: boolean }>;
}

export async function newStack(options: StackOptions): Promise<TestStack> {
  const engine = locatePulumi();
  if (!engine) throw new Error("no Pulumi engine (call requireEngine first)");
  fs.mkdirSync(SCRATCH, { recursive: true });
  const dir = fs.mkdtempSync(path.join(SCRATCH, "stack-"));
  const home = path.join(dir, "home");
  const backend = path.join(dir, "backend");
  fs.mkdirSync(home);
  fs.mkdirSync(backend);
  const projectName = options.projectName ?? "scalingo-e2e";
  const envVars: Record<string, string> = {
    PULUMI_HOME: home,
    PULUMI_BACKEND_URL: `file://${backend}`,
    PULUMI_CONFIG_PASSPHRASE: "",
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_SCALINGO_JOURNAL_DIR: path.join(dir, "journal"),
    PATH: [engine.binDir, path.join(REPO, "node_modules", "@pulumi", "pulumi"), process.env.PATH].join(path.delimiter),
    ...options.env,
  };
  const pulumiCommand = await PulumiCommand.get({ root: engine.root, skipVersionCheck: false });
  const workspace = await LocalWorkspace.create({
    workDir: dir,
    pulumiCommand,
    envVars,
    program: options.program,
    projectSettings: { name: projectName, runtime: "nodejs", backend: { url: `file://${backend}` } },
  });
  const stack = await LocalWorkspace.createOrSelectStack(
    { stackName: options.stackName ?? "dev", projectName, program: options.program },
    { workDir: dir, pulumiCommand, envVars, projectSettings: { name: projectName, runtime: "nodejs", backend: { url: `file://${backend}` } } },
  );
  void workspace;
  if (options.config) await stack.setAllConfig(options.config);
  const output: string[] = [];
  const onOutput = (line: string) => output.push(line);
  return {
    stack,
    dir,
    output,
    up: () => stack.up({ onOutput, color: "never" }),
    preview: () => stack.preview({ onOutput, color: "never", diff: true }),
    refresh: () => stack.refresh({ onOutput, color: "never" }),
    destroy: () => stack.destroy({ onOutput, color: "never" }),
    exportState: async () => JSON.stringify(await stack.exportStack()),
    remove: async () => {
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
