import * as assert from "node:assert/strict";
import { dynamicProviderProcesses, machineProcesses } from "../../scripts/support/provider-processes";
import { waitFor } from "../reliability/support/wait-for";
import { configuredRootProject, expectSuccess } from "./support/cli-project";
import { cliWorld } from "./support/cli-world";
import type { LoggedRequest } from "./support/simulator-process";

const MIGRATIONS = "/v1/apps/my-app/region_migrations";

describe("pulumi CLI: kill -9 of `pulumi up` during prepare, then the README's recovery", function () {
  this.timeout(300_000);
  const world = cliWorld();
  let languageHostsBefore: number[] = [];

  beforeEach(() => {
    languageHostsBefore = languageHosts().map((p) => p.pid);
  });
  afterEach(async () => {
    // Pulumi's language host outlives a killed engine until its own health check gives up
    // (five minutes); it holds nothing of ours, but a test run must leave no process behind.
    for (const host of languageHosts()) if (!languageHostsBefore.includes(host.pid)) process.kill(host.pid, "SIGKILL");
  });

  it("ends prepared with one create and one run per step, and no provider left driving", async () => {
    const simulator = await world.startSimulator();
    await simulator.admin("POST", "step-durations", { prepare: 8_000 });
    const p = world.track(await configuredRootProject(simulator.authUrl, { app: "my-app" }));
    expectSuccess(await p.shell("pulumi config set stage create && pulumi up --yes"), "up (create)");
    expectSuccess(await p.pulumi(["config", "set", "stage", "prepare"]), "config set");

    const providersBefore = dynamicProviderProcesses().map((d) => d.pid);
    const up = p.spawnPulumi(["up", "--yes"]);
    let upOutput = "";
    up.stdout!.on("data", (chunk: Buffer) => (upOutput += chunk.toString()));
    const exited = new Promise<NodeJS.Signals | null>((resolve) => up.once("exit", (_code, signal) => resolve(signal)));
    await waitFor(async () => runs(await simulator.requests()).length === 2, "the prepare run to be sent", 90_000, () => upOutput);
    up.kill("SIGKILL"); // The CLI only, as a crash would: its plugins run in process groups of their own.
    assert.equal(await exited, "SIGKILL", "the kill happened while `pulumi up` was running");
    assert.ok(!/Duration:/.test(upOutput), "the killed up did not finish");

    // The provider the dead engine started notices and stops: it must not drive the migration on.
    await waitFor(() => dynamicProviderProcesses().every((d) => providersBefore.includes(d.pid)), "the killed engine's dynamic provider to stop", 20_000);

    // What the README's Limits section tells a user to type.
    expectSuccess(await p.pulumi(["cancel", "--yes"]), "pulumi cancel");
    expectSuccess(await p.pulumi(["refresh", "--clear-pending-creates", "--yes"]), "pulumi refresh --clear-pending-creates");
    const recovery = expectSuccess(await p.pulumi(["up", "--yes"]), "pulumi up (recovery)");
    assert.match(recovery.stdout, /waiting for step 'prepare'|status\s+: "running" => "prepared"|"preflight-success" => "prepared"/);

    const outputs = JSON.parse(expectSuccess(await p.pulumi(["stack", "output", "--json"]), "stack output").stdout) as Record<string, unknown>;
    assert.equal(outputs.status, "prepared");
    const requests = await simulator.requests();
    assert.equal(requests.filter((r) => r.method === "POST" && r.path === MIGRATIONS).length, 1, "exactly one create");
    assert.equal(runs(requests).length, 2, "preflight and prepare, once each");
  });
});

function runs(requests: LoggedRequest[]): LoggedRequest[] {
  return requests.filter((r) => r.method === "POST" && r.path.startsWith(`${MIGRATIONS}/`) && r.path.endsWith("/run"));
}

function languageHosts(): { pid: number }[] {
  return machineProcesses((cmdline) => cmdline.split("\0")[0]!.endsWith("pulumi-language-nodejs"));
}
