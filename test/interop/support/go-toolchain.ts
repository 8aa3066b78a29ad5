import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

/** The repository root, found from here (sources or dist/) by the interop sources it holds. */
export function repoRoot(): string {
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, "test", "interop", "go-client", "go.mod"))) return dir;
  }
  throw new Error(`cannot find the repository root above ${__dirname}`);
}

/** Where built tools live: outside the repository, shared with scripts/pulumi-cli.sh and scripts/scalingo-cli.sh. */
export function toolCacheDir(): string {
  const fromEnv = process.env.PULUMI_SCALINGO_CACHE;
  if (fromEnv) return fromEnv;
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), ".cache");
  return path.join(base, "pulumi-scalingo-migration");
}

export function goVersion(): string | undefined {
  const result = spawnSync("go", ["version"], { encoding: "utf8" });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

/** In a mocha `before`: skip the suite loudly without Go, but never in CI, where Go is part of the toolchain. */
export function requireGo(context: Mocha.Context, what: string): void {
  if (goVersion()) return;
  const why = "no Go toolchain on PATH (`go version` failed)";
  if (process.env.CI === "true") throw new Error(`CI must run the ${what} tests, but ${why}`);
  console.log(`\n  !!! SKIPPING ${what} tests: ${why}\n`);
  context.skip();
}
