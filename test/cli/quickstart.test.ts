import * as assert from "node:assert/strict";
import { DEMO_TOKEN } from "../support/simulator-env";
import { expectSuccess, rootProjectCopy } from "./support/cli-project";
import { cliWorld } from "./support/cli-world";
import { README_SIMULATOR_URL, readmeCommands, scriptOf } from "./support/readme-block";
import type { LoggedRequest } from "./support/simulator-process";

const MIGRATIONS = "/v1/apps/my-app/region_migrations";

describe("pulumi CLI: the README quickstart, as written", function () {
  this.timeout(300_000);
  const world = cliWorld();

  it("takes my-app through every stage, refreshes, and destroys without an abort once done", async () => {
    const simulator = await world.startSimulator([]);
    const project = world.track(rootProjectCopy());
    const lines = readmeCommands("cli-e2e");
    assert.ok(lines.some((line) => line.includes(README_SIMULATOR_URL)), `the quickstart no longer points at ${README_SIMULATOR_URL}`);
    // The only change to what a user types: the simulator listens on a free port here.
    const script = scriptOf(lines.map((line) => line.split(README_SIMULATOR_URL).join(simulator.authUrl)));

    const run = expectSuccess(await project.shell(script), "the README quickstart");

    const output = run.stdout + run.stderr;
    assert.match(output, /plan: prepare: the following operations will be achieved:/, "preview shows the prepare plan");
    assert.match(output, /newAppUrl\s+https:\/\/my-app\.osc-secnum-fr1\.scalingo\.io/, "`pulumi stack output` shows the new URL");
    assert.match(output, /gitUrl\s+git@ssh\.osc-secnum-fr1\.scalingo\.com:my-app\.git/);
    assert.match(output, /dnsChanges\s+\[\{"domain":"my-app\.example\.com"/);
    assert.match(output, /migration \S+ is done: nothing to abort/, "destroy after done says it makes no call");
    assert.ok(!output.includes(DEMO_TOKEN), "the token is printed nowhere");

    const requests = await simulator.requests();
    const posts = (suffix: RegExp) => requests.filter((r: LoggedRequest) => r.method === "POST" && r.path.startsWith(MIGRATIONS) && suffix.test(r.path));
    assert.equal(posts(/region_migrations$/).length, 1, "one migration created");
    assert.equal(posts(/\/run$/).length, 4, "preflight, prepare, data and finalize, once each: refresh and destroy send nothing");
  });
});
