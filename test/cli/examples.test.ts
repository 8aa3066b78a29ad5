import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as path from "node:path";
import { REPO } from "../../scripts/support/local-engine";
import { DEMO_TOKEN } from "../support/simulator-env";
import { exampleProject, expectSuccess, firstErrorLine, type CliProject } from "./support/cli-project";
import { cliWorld } from "./support/cli-world";

const EXAMPLES = ["basic", "new-name", "fleet", "manual-data"] as const;

/**
 * Each example as the README runs it: `npm install` in its folder (it depends on this package
 * by `file:../..`), then the plain `pulumi` commands, against a simulator process.
 */
describe("pulumi CLI: the examples", function () {
  this.timeout(300_000);
  const world = cliWorld();

  before(function () {
    this.timeout(600_000);
    for (const name of EXAMPLES) {
      // --ignore-scripts: npm may run this package's `prepare` (a full build) for the file:
      // dependency, which would replace dist/ under this very test run.
      execFileSync("npm", ["install", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"], { cwd: path.join(REPO, "examples", name), stdio: ["ignore", "ignore", "inherit"] });
    }
  });
  async function example(name: (typeof EXAMPLES)[number]): Promise<CliProject> {
    const simulator = await world.startSimulator();
    const project = world.track(exampleProject(name));
    Object.assign(project.env, {
      SCALINGO_AUTH_URL: simulator.authUrl,
      SCALINGO_API_TOKEN: DEMO_TOKEN,
      PULUMI_CONFIG_PASSPHRASE: "rehearsal",
      PULUMI_BACKEND_URL: `file://${project.env.HOME}`,
      // Never reach for a plugin download: this network has none, and a test must not try.
      PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    });
    expectSuccess(await project.pulumi(["stack", "init", `e2e-${process.pid}`]), "pulumi stack init");
    return project;
  }

  async function outputs(p: CliProject): Promise<Record<string, unknown>> {
    return JSON.parse(expectSuccess(await p.pulumi(["stack", "output", "--json"]), "pulumi stack output").stdout) as Record<string, unknown>;
  }

  it("basic: stage driven by config, prepare then finalize", async () => {
    const p = await example("basic");
    expectSuccess(await p.pulumi(["config", "set", "stage", "prepare"]), "config set");
    expectSuccess(await p.pulumi(["up", "--yes"]), "pulumi up (prepare)");
    assert.equal((await outputs(p)).status, "prepared");
    expectSuccess(await p.pulumi(["config", "set", "stage", "finalize"]), "config set");
    const up = expectSuccess(await p.pulumi(["up", "--yes"]), "pulumi up (finalize)");
    const out = await outputs(p);
    assert.equal(out.status, "done");
    assert.equal(out.newAppUrl, "https://my-app.osc-secnum-fr1.scalingo.io");
    assert.ok(!(up.stdout + up.stderr).includes(DEMO_TOKEN));
  });

  it("new-name: the app arrives under its new name", async () => {
    const p = await example("new-name");
    expectSuccess(await p.pulumi(["up", "--yes"]), "pulumi up");
    const out = await outputs(p);
    assert.equal(out.dstAppName, "my-app-secnum");
    assert.equal(out.newAppUrl, "https://my-app-secnum.osc-secnum-fr1.scalingo.io");
  });

  it("fleet: four apps at once with --parallel, one provider process", async () => {
    const p = await example("fleet");
    expectSuccess(await p.pulumi(["config", "set", "count", "4"]), "config set");
    expectSuccess(await p.pulumi(["up", "--yes", "--parallel", "4"]), "pulumi up --parallel 4");
    assert.deepEqual((await outputs(p)).statuses, ["done", "done", "done", "done"]);
  });

  // The engine cannot load @pulumi/command's provider: its plugin is downloaded at run time
  // (no network here) and the Go module proxy refuses it (403). So the engine goes as far as
  // the migration's plan, and the wiring after it is checked under mocks (examples-mocks).
  it("manual-data: preview shows the prepare plan, then stops on the missing command plugin", async () => {
    const p = await example("manual-data");
    const preview = await p.pulumi(["preview"]);
    assert.notEqual(preview.code, 0);
    assert.match(preview.stdout, /\[my-app-prepared\] plan: prepare: the following operations will be achieved:/);
    assert.match(firstErrorLine(preview), /no resource plugin 'pulumi-resource-command' found/);
  });
});
