import * as assert from "node:assert/strict";
import { spawn } from "node:child_process";
import * as path from "node:path";
import { dynamicProviderProcesses } from "../../scripts/support/provider-processes";
import type { Simulator } from "../../simulator";
import { requireEngine, type TestStack } from "../support/pulumi-engine";
import { DEMO_TOKEN, simulatorWithEnv } from "../support/simulator-env";
import { createPosts, outputsOf, PROJECT, rootProgramStack, runPosts } from "./e2e-harness";

const UP_PROCESS = path.join(__dirname, "..", "support", "up-process.js");

describe("real engine: kill -9 of pulumi up while a step runs", function () {
  this.timeout(240_000);
  let simulator: Simulator;
  let stack: TestStack | undefined;

  before(function () {
    requireEngine(this);
  });
  afterEach(async () => {
    stack?.remove();
    await simulator.close();
  });

  // Runs already sent when the step is running: preflight, prepare, data, finalize.
  const RUNS_SENT = { prepare: 2, data: 3, finalize: 4 } as const;
  for (const killDuring of ["prepare", "data", "finalize"] as const) {
    it(`resumes after a kill during ${killDuring}: one create, one run per step`, async () => {
      simulator = await simulatorWithEnv({ rateLimitPerMinute: 0 });
      simulator.setStepDurations({ [killDuring]: 6_000 });
      stack = await rootProgramStack(simulator, { app: "my-app", stage: "finalize" }, { stackName: "crash" });
      const env = { SCALINGO_AUTH_URL: simulator.authUrl, SCALINGO_API_TOKEN: DEMO_TOKEN, SCALINGO_REGION: "osc-fr1" };
      const job = { dir: stack.dir, stackName: "crash", projectName: PROJECT, env, config: { app: "my-app", stage: "finalize", destinationRegion: "osc-secnum-fr1" } };
      const providersBefore = orphanProviders();
      const child = spawn(process.execPath, [UP_PROCESS, JSON.stringify(job)], { detached: true, stdio: ["ignore", "pipe", "pipe"] });
      let childOutput = "";
      child.stdout.on("data", (d: Buffer) => (childOutput += d.toString()));
      child.stderr.on("data", (d: Buffer) => (childOutput += d.toString()));
      const exited = new Promise((resolve) => child.once("exit", resolve));

      await waitFor(() => simulator.migrations("my-app").some((m) => m.status === "running" && runPosts(simulator, "my-app").length === RUNS_SENT[killDuring]), 60_000, () => childOutput);
      process.kill(-child.pid!, "SIGKILL");
      await exited;
      assert.ok(!childOutput.includes("UP-PROCESS-DONE"));

      // What a user does next: release the lock the dead run left, clear its pending create, up.
      await stack.stack.cancel();
      await stack.stack.refresh({ clearPendingCreates: true, color: "never" });
      await stack.up();

      assert.equal((await outputsOf(stack)).status, "done");
      assert.equal(createPosts(simulator, "my-app").length, 1, "exactly one create");
      const runs = runPosts(simulator, "my-app").length;
      assert.equal(runs, 4, `preflight, prepare, data, finalize once each; saw ${runs} run POSTs`);

      // The killed run's provider (in a process group of its own) must not live on.
      await waitFor(() => orphanProviders().every((pid) => providersBefore.includes(pid)), 15_000, () => "an orphaned dynamic provider is still running");
    });
  }
});

/** Dynamic-provider processes whose parent is gone (re-parented to init). */
function orphanProviders(): number[] {
  return dynamicProviderProcesses()
    .filter((p) => p.ppid === 1)
    .map((p) => p.pid);
}

async function waitFor(condition: () => boolean, timeoutMs: number, context: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) assert.fail(`timed out; child said:\n${context()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
