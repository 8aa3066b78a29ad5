import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { DEMO_TOKEN } from "../../support/simulator-env";
import { repoRoot, toolCacheDir } from "./go-toolchain";
import { runProcess } from "./process";

/** What test/interop/go-client printed for one go-scalingo call (see report.go there). */
export interface GoCall {
  call: string;
  /** The region whose API the call went to (go-client-v10 only). */
  region?: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  args?: Record<string, any>;
  ok: boolean;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  value?: any;
  error?: GoError;
  polls?: number;
}

export interface GoError {
  message: string;
  /** Go types from the outermost wrapper to the root cause. */
  chain: string[];
  status?: number;
  apiErrorType?: string;
  apiMessage?: string;
  fields?: Record<string, string[]>;
  resource?: string;
}

export interface GoRun {
  calls: GoCall[];
  exitCode: number | null;
  stdout: string;
  stderr: string;
  /** Every request go-scalingo sent, with its full URL (from go-scalingo's own DEBUG log). */
  sent: { method: string; url: string }[];
}

/** The Go drivers under test/interop: go-client (go-scalingo v7.0.2), go-client-v10 (v10.0.0). */
export type GoDriver = "go-client" | "go-client-v10";

const sourceDir = (driver: GoDriver) => path.join(repoRoot(), "test", "interop", driver);

/**
 * Builds the go-scalingo driver into the tool cache (outside the repository), named by a hash
 * of its sources: the first build fetches go-scalingo from the Go module proxy, later ones
 * find the binary (or, after an edit, reuse Go's build cache) and take a second or two.
 */
export async function buildGoClient(driver: GoDriver = "go-client"): Promise<string> {
  const source = sourceDir(driver);
  const bin = path.join(toolCacheDir(), driver, `goclient-${sourceHash(source)}`);
  if (fs.existsSync(bin)) return bin;
  fs.mkdirSync(path.dirname(bin), { recursive: true });
  const tmp = `${bin}.${process.pid}.tmp`;
  const started = Date.now();
  // -mod=readonly: the committed go.sum must already hold every hash (no checksum-database lookup).
  const result = await runProcess("go", ["build", "-mod=readonly", "-trimpath", "-buildvcs=false", "-o", tmp, "."], { cwd: source }, 600_000);
  if (result.exitCode !== 0) throw new Error(`go build of ${source} failed (exit ${result.exitCode}):\n${result.stderr}`);
  fs.renameSync(tmp, bin);
  console.log(`    (built the go-scalingo driver in ${((Date.now() - started) / 1000).toFixed(1)} s: ${bin})`);
  return bin;
}

function sourceHash(dir: string): string {
  const hash = createHash("sha256");
  for (const name of fs.readdirSync(dir).filter((n) => n.endsWith(".go") || n === "go.mod" || n === "go.sum").sort()) {
    hash.update(`${name}\0`).update(fs.readFileSync(path.join(dir, name))).update("\0");
  }
  return hash.digest("hex").slice(0, 16);
}

/** Runs the driver against a simulator as the demo account, source region osc-fr1. */
export async function runGoClient(bin: string, authUrl: string, args: string[], env: Record<string, string> = {}): Promise<GoRun> {
  const result = await runProcess(
    bin,
    args,
    {
      env: {
        ...process.env,
        SCALINGO_AUTH_URL: authUrl,
        SCALINGO_API_TOKEN: DEMO_TOKEN,
        SCALINGO_REGION: "osc-fr1",
        // go-scalingo then logs "[API] <METHOD> <URL>" for every request on stderr.
        DEBUG: "1",
        ...env,
      },
    },
    60_000,
  );
  const calls = result.stdout
    .split("\n")
    .filter((l) => l.startsWith("{"))
    .map((l) => JSON.parse(l) as GoCall);
  const sent = [...result.stderr.matchAll(/\[API\] ([A-Z]+) (\S+)/g)].map((m) => ({ method: m[1], url: m[2] }));
  return { ...result, calls, sent };
}

/** The calls of that name, in order; fails the test when there are none. */
export function callsNamed(run: GoRun, name: string): GoCall[] {
  const found = run.calls.filter((c) => c.call === name);
  if (found.length === 0) throw new Error(`go-scalingo made no ${name} call; it printed:\n${run.stdout}\n${run.stderr.slice(-2000)}`);
  return found;
}

/** The waits (ShowRegionMigration polls) that ended each step, by step name. */
export function stepEnds(run: GoRun): Record<string, GoCall> {
  return Object.fromEntries(run.calls.filter((c) => c.call === "ShowRegionMigration" && c.args?.step).map((c) => [c.args!.step, c]));
}
