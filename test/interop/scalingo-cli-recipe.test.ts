import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { repoRoot, requireGo } from "./support/go-toolchain";
import { runProcess } from "./support/process";

/**
 * The real Scalingo CLI (1.34.0, the last with the migration commands) can only be built from
 * the Go module proxy, and the proxy our CI uses refuses it (403). So no committed test drives
 * the CLI: this one only holds scripts/scalingo-cli.sh to its word. It either says clearly why
 * the CLI cannot be had, or (should the proxy ever serve it) provides one that runs.
 */
describe("interop: the Scalingo CLI recipe (scripts/scalingo-cli.sh)", function () {
  this.timeout(60_000);
  const script = () => path.join(repoRoot(), "scripts", "scalingo-cli.sh");

  before(function () {
    requireGo(this, "Scalingo CLI recipe");
  });

  it("says the CLI is not available from the Go module proxy, or builds one that runs", async function () {
    const check = await runProcess("bash", [script(), "--check"], {}, 60_000);
    if (check.exitCode !== 0) {
      assert.equal(check.exitCode, 1, check.stderr);
      assert.equal(check.stdout, "", "no binary path on stdout when there is no binary");
      assert.match(check.stderr, /Scalingo CLI 1\.34\.0 is not available from the Go module proxy \(github\.com\/Scalingo\/cli@v1\.16\.8-0\.20240917123547-62a2810cc548\)/);
      assert.match(check.stderr, /go said: /);
      return;
    }
    this.timeout(1_800_000); // the proxy serves it now: a first build takes minutes
    const build = await runProcess("bash", [script()], {}, 1_700_000);
    assert.equal(build.exitCode, 0, build.stderr);
    const bin = build.stdout.trim();
    const home = fs.mkdtempSync(path.join(os.tmpdir(), "scalingo-cli-home-"));
    const version = await runProcess(bin, ["--version"], { env: { ...process.env, HOME: home, DISABLE_UPDATE_CHECKER: "true" } }, 30_000);
    assert.match(version.stdout, /Scalingo Client version 1\.34\.0/);
  });
});
