import { spawn, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { locatePulumi, REPO } from "../../../scripts/support/local-engine";
import { DEMO_TOKEN } from "../../support/simulator-env";

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * A Pulumi project as a user has it, driven through the `pulumi` binary in a subprocess: the
 * root project (a copy of its Pulumi.yaml beside links to the built package, so stack files
 * never land in the repository), or an example folder (after its own `npm install`). Each has
 * a HOME and PULUMI_HOME of its own, so workspaces and the journal stay out of the
 * developer's; the state goes where the commands say (PULUMI_BACKEND_URL).
 */
export interface CliProject {
  readonly dir: string;
  /** The environment commands run with; tests add SCALINGO_* variables here. */
  readonly env: Record<string, string>;
  pulumi(args: readonly string[], env?: Record<string, string>): Promise<CliResult>;
  /** A bash script, as typed in a terminal in the project's folder. */
  shell(script: string): Promise<CliResult>;
  /** `pulumi <args>` left running, e.g. to be killed. */
  spawnPulumi(args: readonly string[]): ChildProcess;
  remove(): void;
}

export function rootProjectCopy(): CliProject {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "scalingo-cli-root-"));
  fs.copyFileSync(path.join(REPO, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
  for (const entry of ["package.json", "dist", "node_modules", "scripts"]) fs.symlinkSync(path.join(REPO, entry), path.join(dir, entry));
  return project(dir, dir, () => undefined);
}

/** An example folder in place; the stack files a test creates there are removed afterwards. */
export function exampleProject(name: string): CliProject {
  const dir = path.join(REPO, "examples", name);
  const before = new Set(fs.readdirSync(dir));
  const home = fs.mkdtempSync(path.join(os.tmpdir(), `scalingo-cli-${name}-`));
  return project(dir, home, () => {
    for (const entry of fs.readdirSync(dir)) if (!before.has(entry) && /^Pulumi\..+\.yaml$/.test(entry)) fs.rmSync(path.join(dir, entry));
  });
}

function project(dir: string, scratch: string, cleanup: () => void): CliProject {
  const env = baseEnv(path.join(scratch, ".home"));
  fs.mkdirSync(env.HOME!, { recursive: true });
  const run = (command: string, args: readonly string[], extra: Record<string, string> = {}) =>
    collect(spawn(command, args, { cwd: dir, env: { ...env, ...extra }, stdio: ["ignore", "pipe", "pipe"] }));
  return {
    dir,
    env,
    pulumi: (args, extra) => run("pulumi", args, extra),
    shell: (script) => run("bash", ["-c", script]),
    spawnPulumi: (args) => spawn("pulumi", args, { cwd: dir, env, stdio: ["ignore", "pipe", "pipe"] }),
    remove: () => {
      cleanup();
      fs.rmSync(scratch === dir ? dir : scratch, { recursive: true, force: true });
    },
  };
}

/**
 * The developer's environment without anything Pulumi or Scalingo (other suites set some in
 * this very process), a private HOME, and the Pulumi CLI from scripts/pulumi-cli.sh on PATH.
 * PULUMI_SCALINGO_CACHE keeps that script finding the CLI it built under the real HOME.
 */
function baseEnv(home: string): Record<string, string> {
  const engine = locatePulumi();
  if (!engine) throw new Error("no Pulumi CLI: see scripts/pulumi-cli.sh");
  const inherited = Object.entries(process.env).filter(([key, value]) => value !== undefined && !/^(PULUMI_|SCALINGO_)/.test(key));
  const realCache = process.env.PULUMI_SCALINGO_CACHE ?? path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), ".cache"), "pulumi-scalingo-migration");
  return {
    ...(Object.fromEntries(inherited) as Record<string, string>),
    HOME: home,
    // Pulumi reads its home (workspaces, plugins, credentials) from the account, not $HOME.
    PULUMI_HOME: path.join(home, ".pulumi"),
    PATH: [engine.binDir, process.env.PATH ?? ""].join(path.delimiter),
    PULUMI_SCALINGO_CACHE: realCache,
    PULUMI_SKIP_UPDATE_CHECK: "true",
  };
}

export function collect(child: ChildProcess): Promise<CliResult> {
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * What a person reads first as the error: the text after the CLI's first `error:`. When the
 * provider kept partial state, the engine heads its reasons with "1 error occurred:" and puts
 * the message on the next line (as `* …`): that line is the one read.
 */
export function firstErrorLine(result: CliResult): string {
  const lines = `${result.stdout}\n${result.stderr}`.split("\n");
  const at = lines.findIndex((l) => l.includes("error: "));
  if (at < 0) return "";
  const text = lines[at]!.slice(lines[at]!.indexOf("error: ") + "error: ".length).trim();
  if (!/^\d+ errors? occurred:$/.test(text)) return text;
  const reason = lines.slice(at + 1).find((l) => /^\s*\* /.test(l));
  return reason ? reason.trim().slice(2) : text;
}

/** Fails with everything the command printed, so a CI log says what went wrong. */
export function expectSuccess(result: CliResult, what: string): CliResult {
  if (result.code !== 0) throw new Error(`${what} exited ${result.code}:\n${result.stdout}\n${result.stderr}`);
  return result;
}

/**
 * The root project with a stack `dev` against `authUrl`, state in the project's own
 * `.pulumi-state`, and `config` set with `pulumi config set`.
 */
export async function configuredRootProject(authUrl: string, config: Record<string, string>, env: Record<string, string> = {}): Promise<CliProject> {
  const project = rootProjectCopy();
  const state = path.join(project.dir, ".pulumi-state");
  fs.mkdirSync(state);
  Object.assign(project.env, {
    SCALINGO_AUTH_URL: authUrl,
    SCALINGO_API_TOKEN: DEMO_TOKEN,
    SCALINGO_REGION: "osc-fr1",
    PULUMI_CONFIG_PASSPHRASE: "rehearsal",
    PULUMI_BACKEND_URL: `file://${state}`,
    ...env,
  });
  expectSuccess(await project.pulumi(["stack", "init", "dev"]), "pulumi stack init");
  for (const [key, value] of Object.entries({ destinationRegion: "osc-secnum-fr1", ...config })) {
    expectSuccess(await project.pulumi(["config", "set", key, value]), `pulumi config set ${key}`);
  }
  return project;
}
