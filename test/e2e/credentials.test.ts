import * as assert from "node:assert/strict";
import type { Simulator } from "../../simulator";
import { requireEngine, type TestStack } from "../support/pulumi-engine";
import { DEMO_TOKEN, simulatorWithEnv } from "../support/simulator-env";
import { assertNoToken, outputsOf, rootProgramStack } from "./e2e-harness";

describe("real engine: credentials", function () {
  this.timeout(180_000);
  let simulator: Simulator;
  let stack: TestStack | undefined;

  before(function () {
    requireEngine(this);
  });
  beforeEach(async () => {
    simulator = await simulatorWithEnv({ rateLimitPerMinute: 0 });
  });
  afterEach(async () => {
    stack?.remove();
    stack = undefined;
    await simulator.close();
  });

  it("takes the token from the secret stack config scalingo:apiToken, and never stores it", async () => {
    stack = await rootProgramStack(simulator, { app: "my-app", stage: "prepare" }, { env: { SCALINGO_API_TOKEN: "" } });
    await stack.stack.setConfig("scalingo:apiToken", { value: DEMO_TOKEN, secret: true });
    await stack.up();
    assert.equal((await outputsOf(stack)).status, "prepared");
    await stack.refresh();
    await stack.destroy();
    await assertNoToken(stack);
  });

  it("fails with both ways to give a token when there is none", async () => {
    stack = await rootProgramStack(simulator, { app: "my-app", stage: "create" }, { env: { SCALINGO_API_TOKEN: "" } });
    await assert.rejects(stack.up(), /SCALINGO_API_TOKEN.*scalingo:apiToken/s);
    assert.equal(simulator.migrations("my-app").length, 0);
  });

  it("keeps the token out of state and output when Scalingo refuses it", async () => {
    stack = await rootProgramStack(simulator, { app: "my-app", stage: "create" }, { env: { SCALINGO_API_TOKEN: "tk-us-wrong-token-1234" } });
    await assert.rejects(stack.up(), /API token was refused by the auth service/);
    const everything = stack.output.join("") + (await stack.exportState());
    assert.ok(!everything.includes("tk-us-wrong-token-1234"));
  });
});
