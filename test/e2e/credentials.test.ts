import * as assert from "node:assert/strict";
import { DEMO_TOKEN } from "../support/simulator-env";
import { engineWorld, assertNoToken, outputsOf, rootProgramStack } from "./e2e-harness";

describe("real engine: credentials", function () {
  this.timeout(180_000);
  const world = engineWorld({ rateLimitPerMinute: 0 });

  it("takes the token from the secret stack config scalingo:apiToken, and never stores it", async () => {
    const stack = world.track(await rootProgramStack(world.simulator, { app: "my-app", stage: "prepare" }, { env: { SCALINGO_API_TOKEN: "" } }));
    await stack.stack.setConfig("scalingo:apiToken", { value: DEMO_TOKEN, secret: true });
    await stack.up();
    assert.equal((await outputsOf(stack)).status, "prepared");
    await stack.refresh();
    await stack.destroy();
    await assertNoToken(stack);
  });

  it("fails with both ways to give a token when there is none", async () => {
    const stack = world.track(await rootProgramStack(world.simulator, { app: "my-app", stage: "create" }, { env: { SCALINGO_API_TOKEN: "" } }));
    await assert.rejects(stack.up(), /SCALINGO_API_TOKEN.*scalingo:apiToken/s);
    assert.equal(world.simulator.migrations("my-app").length, 0);
  });

  it("keeps the token out of state and output when Scalingo refuses it", async () => {
    const stack = world.track(await rootProgramStack(world.simulator, { app: "my-app", stage: "create" }, { env: { SCALINGO_API_TOKEN: "tk-us-wrong-token-1234" } }));
    await assert.rejects(stack.up(), /API token was refused by the auth service/);
    const everything = stack.output.join("") + (await stack.exportState());
    assert.ok(!everything.includes("tk-us-wrong-token-1234"));
  });
});
