import * as assert from "node:assert/strict";
import { configuredRootProject, expectSuccess, firstErrorLine, type CliProject } from "./support/cli-project";
import { cliWorld } from "./support/cli-world";
import type { SimulatorProcess } from "./support/simulator-process";

/** `pulumi` 3.248 exits 1 when an update fails. */
const FAILED = 1;

describe("pulumi CLI: what a user sees when something is wrong", function () {
  this.timeout(180_000);
  const world = cliWorld();
  let simulator: SimulatorProcess;

  async function rootProject(config: Record<string, string>, env: Record<string, string> = {}): Promise<CliProject> {
    simulator = await world.startSimulator();
    return world.track(await configuredRootProject(simulator.authUrl, config, env));
  }

  it("no token: preview still shows the plan and says up will need one; up fails naming both settings", async () => {
    const p = await rootProject({ app: "my-app", stage: "create" }, { SCALINGO_API_TOKEN: "" });
    const preview = expectSuccess(await p.pulumi(["preview"]), "preview without a token");
    assert.match(preview.stdout, /\[my-app-migration\] plan: create: the following operations will be achieved:/);
    const diagnostics = preview.stdout.slice(preview.stdout.indexOf("Diagnostics:"));
    assert.equal(diagnostics.match(/`pulumi up` will need SCALINGO_API_TOKEN/g)?.length, 1, "said once, in one line");
    const up = await p.pulumi(["up", "--yes"]);
    assert.equal(up.code, FAILED);
    assert.equal(firstErrorLine(up), "No Scalingo API token: set the SCALINGO_API_TOKEN environment variable, or the secret stack config `pulumi config set --secret scalingo:apiToken <token>`");
    assert.equal((await simulator.requests()).length, 0, "nothing was sent");
  });

  it("unknown region: refused before any write, with the regions that exist", async () => {
    const p = await rootProject({ app: "my-app", stage: "create", destinationRegion: "osc-nowhere-fr9" });
    const up = await p.pulumi(["up", "--yes"]);
    assert.equal(up.code, FAILED);
    assert.match(firstErrorLine(up), /property destinationRegion .*has a problem: .*osc-nowhere-fr9.*osc-fr1.*osc-secnum-fr1/);
    assert.ok(!(await simulator.requests()).some((r) => r.method === "POST" && r.path.includes("region_migrations")), "no migration created");
  });

  it("a backwards stage: refused with how to start over", async () => {
    const p = await rootProject({ app: "my-app", stage: "prepare" });
    expectSuccess(await p.pulumi(["up", "--yes"]), "up (prepare)");
    expectSuccess(await p.pulumi(["config", "set", "stage", "create"]), "config set");
    const up = await p.pulumi(["up", "--yes"]);
    assert.equal(up.code, FAILED);
    assert.match(firstErrorLine(up), /property stage .*has a problem: .*prepare.*create.*pulumi destroy/);
  });

  it("a preflight blocker: the failed check, and that there is nothing to abort", async () => {
    const p = await rootProject({ app: "influx-app", stage: "create" });
    const up = await p.pulumi(["up", "--yes"]);
    assert.equal(up.code, FAILED);
    assert.match(up.stdout, /✘ Check addons compatibility/);
    assert.match(firstErrorLine(up), /Region migration \S+ of app 'influx-app' to osc-secnum-fr1 failed \(status preflight-error\)/);
    assert.match(up.stdout, /nothing to abort: fix what the checks report/);
  });
});
