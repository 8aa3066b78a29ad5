import assert from "node:assert/strict";
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { send } from "./support/test-client";

const CLI = join(__dirname, "..", "..", "simulator", "cli.js");

describe("simulator: scalingo-simulator CLI", () => {
  let child: ChildProcessWithoutNullStreams | undefined;
  afterEach(() => {
    if (child && child.exitCode === null) child.kill("SIGKILL");
  });

  it("prints SCALINGO_AUTH_URL first, serves, and exits 0 on SIGTERM", async () => {
    child = spawn(process.execPath, [CLI, "--port", "0", "--rate-limit", "5"]);
    const lines = createInterface({ input: child.stdout });
    const firstLine = await new Promise<string>((resolve) => lines.once("line", resolve));
    const match = /^SCALINGO_AUTH_URL=(http:\/\/127\.0\.0\.1:\d+)$/.exec(firstLine);
    assert.ok(match, `first line was: ${firstLine}`);

    const regions = await send("GET", `${match[1]}/v1/regions`);
    assert.equal(regions.status, 200);
    assert.equal(regions.body.regions[0].api, `${match[1]}/osc-fr1`);

    const exited = new Promise<number | null>((resolve) => child?.once("exit", (code) => resolve(code)));
    child.kill("SIGTERM");
    assert.equal(await exited, 0);
  });

  it("runs as `npx scalingo-simulator` after a build (the bin keeps its execute bit)", async () => {
    // `npm test` builds first, so this runs what the last build left, as a user would.
    const repo = join(__dirname, "..", "..", "..");
    const run = spawn("npx", ["--no-install", "scalingo-simulator", "--help"], { cwd: repo });
    let out = "";
    run.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    run.stderr.on("data", (chunk: Buffer) => (out += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => run.once("exit", resolve));
    assert.equal(code, 0, out);
    assert.match(out, /^Usage: scalingo-simulator \[options\]/);
  });

  it("exits 2 on an unknown flag or a bad value, naming the flag", async () => {
    for (const [args, message] of [
      [["--bogus"], /unknown option '--bogus'; valid options: --port/],
      [["--profile", "slow"], /--profile must be 'fast' or 'realistic'/],
      [["--port", "http"], /--port must be a whole number/],
    ] as const) {
      const run = spawn(process.execPath, [CLI, ...args]);
      let stderr = "";
      run.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
      const code = await new Promise<number | null>((resolve) => run.once("exit", resolve));
      assert.equal(code, 2, args.join(" "));
      assert.match(stderr, message);
    }
  });
});
