import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { LocalWorkspace, PulumiCommand, type PulumiFn, type Stack } from "@pulumi/pulumi/automation";

/**
 * The real Pulumi engine on this machine, for the demo, the tests and the benchmarks: the CLI
 * from scripts/pulumi-cli.sh (built from the Go module proxy when not on PATH), a file backend
 * and a private PULUMI_HOME in a temporary folder. The folder gets a node_modules link to this
 * repository's, so the dynamic provider resolves `pulumi-scalingo-migration` exactly as it
 * does in a user's project.
 */
export const REPO = findRepoRoot();

export interface PulumiInstallation {
  root: string;
  binDir: string;
}

let located: PulumiInstallation | null | undefined;

export function locatePulumi(options: { quiet?: boolean } = {}): PulumiInstallation | null {
  if (located !== undefined) return located;
  try {
    const binDir = execFileSync(path.join(REPO, "scripts", "pulumi-cli.sh"), {
      encoding: "utf8",
      stdio: ["ignore", "pipe", options.quiet ? "ignore" : "inherit"],
    }).trim();
    located = { binDir, root: path.dirname(binDir) };
  } catch {
    located = null;
  }
  return located;
}

export interface LocalStackOptions {
  program: PulumiFn;
  env: Record<string, string>;
  projectName?: string;
  stackName?: string;
  /** Reuse a folder (and so its backend and journal) across stacks, e.g. to resume. */
  dir?: string;
}

export interface LocalStack {
  stack: Stack;
  dir: string;
  env: Record<string, string>;
  remove(): void;
}

export async function newLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const engine = locatePulumi();
  if (!engine) throw new Error("no Pulumi CLI: see scripts/pulumi-cli.sh");
  const dir = options.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), "scalingo-migration-"));
  const backend = path.join(dir, "backend");
  for (const sub of ["home", "backend"]) fs.mkdirSync(path.join(dir, sub), { recursive: true });
  const modules = path.join(dir, "node_modules");
  if (!fs.existsSync(modules)) fs.symlinkSync(path.join(REPO, "node_modules"), modules, "dir");
  const env: Record<string, string> = {
    PULUMI_HOME: path.join(dir, "home"),
    PULUMI_BACKEND_URL: `file://${backend}`,
    PULUMI_CONFIG_PASSPHRASE: "",
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_SCALINGO_JOURNAL_DIR: path.join(dir, "journal"),
    PATH: [engine.binDir, path.join(REPO, "node_modules", "@pulumi", "pulumi"), process.env.PATH ?? ""].join(path.delimiter),
    ...options.env,
  };
  const projectName = options.projectName ?? "scalingo-migration";
  const pulumiCommand = await PulumiCommand.get({ root: engine.root });
  const stack = await LocalWorkspace.createOrSelectStack(
    { stackName: options.stackName ?? "dev", projectName, program: options.program },
    { workDir: dir, pulumiCommand, envVars: env, projectSettings: { name: projectName, runtime: "nodejs", backend: { url: `file://${backend}` } } },
  );
  return { stack, dir, env, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

function findRepoRoot(): string {
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, "scripts", "pulumi-cli.sh"))) return dir;
  }
  throw new Error("cannot find the repository root from " + __dirname);
}
