import * as assert from "node:assert/strict";
import { configuredRootProject, expectSuccess } from "./support/cli-project";
import { cliWorld } from "./support/cli-world";

interface WorldState {
  apps: { name: string; region: string; status: string }[];
  migrations: { id: string; status: string }[];
}

describe("pulumi CLI: `pulumi destroy` at prepare aborts the migration", function () {
  this.timeout(180_000);
  const world = cliWorld();

  it("deletes the new app, gives the source back, and empties the stack", async () => {
    const simulator = await world.startSimulator();
    const p = world.track(await configuredRootProject(simulator.authUrl, { app: "my-app", stage: "prepare" }));
    expectSuccess(await p.pulumi(["up", "--yes"]), "pulumi up (prepare)");
    const prepared = (await simulator.admin("GET", "state")) as WorldState;
    assert.ok(prepared.apps.some((a) => a.name === "my-app" && a.region === "osc-secnum-fr1"), "prepare made the new app");

    const destroy = expectSuccess(await p.pulumi(["destroy", "--yes"]), "pulumi destroy");
    assert.match(destroy.stdout, /aborting migration \S+ \(prepared\)/);
    assert.match(destroy.stdout, /migration \S+ aborted: the new app was deleted and 'my-app' restored/);

    const after = (await simulator.admin("GET", "state")) as WorldState;
    assert.deepEqual(after.migrations.map((m) => m.status), ["aborted"]);
    assert.ok(!after.apps.some((a) => a.name === "my-app" && a.region === "osc-secnum-fr1"), "the new app is gone");
    const source = after.apps.find((a) => a.name === "my-app" && a.region === "osc-fr1");
    assert.equal(source?.status, "running", "the source app runs again, no longer migrating");
    assert.equal(JSON.parse(expectSuccess(await p.pulumi(["stack", "output", "--json"]), "stack output").stdout).status, undefined, "nothing left in the stack");
  });
});
