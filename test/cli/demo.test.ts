import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import { checklistLines, copiedLines } from "../../scripts/demo/output";
import { runDemo } from "../../scripts/demo/run-demo";
import { dynamicProviderProcesses } from "../../scripts/support/provider-processes";
import { requireEngine } from "../support/pulumi-engine";

interface ManualAction {
  id: string;
  action: string;
  why: string;
  blocking: boolean;
}

/**
 * `npm run demo` (client engine, the default) as a person sees it, with the public API's
 * asynchronous jobs shortened: every stage on the real engine with the provider's progress,
 * shop-app's data checked, and the output ENDS with the copied summary and the checklist of
 * the migration's own outputs. Nothing may be left: no folder, no simulator, no provider.
 */
describe("npm run demo: the client engine on shop-app, ending with the manual-action checklist", function () {
  this.timeout(240_000);

  before(function () {
    requireEngine(this);
  });

  it("runs every stage, shows progress, ends with copied and manualActions as a checklist, and leaves nothing behind", async () => {
    let printed = "";
    const run = await runDemo({ engine: "client", write: (text) => (printed += text), asyncTimings: { operation: 60, addon: 120, backup: 120, deployment: 200, oneOff: 120 } });
    const banners = [...printed.matchAll(/^==> (.*)$/gm)].map((m) => m[1]!);
    assert.deepEqual(
      banners.filter((b) => b.startsWith("pulumi")),
      ["pulumi config set stage create && pulumi up", "pulumi preview   (stage: prepare; reads only, nothing is written to Scalingo)", "pulumi config set stage prepare && pulumi up", "pulumi config set stage data && pulumi up", "pulumi config set stage finalize && pulumi up"],
    );
    for (const progress of ["✔ Check if the name shop-app is available", "Create addons on the 'osc-secnum-fr1' region", "✔ Import PostgreSQL data", "Start the new app"]) assert.ok(printed.includes(progress), `no progress line "${progress}" in:\n${printed}`);
    assert.match(printed, /PostgreSQL: 3 records on osc-fr1, 3 on osc-secnum-fr1; digests equal/);
    assert.equal(run.outputs.status?.value, "done");

    const actions = run.outputs.manualActions?.value as ManualAction[];
    assert.ok(["dns:shop.example.com", "certificate:www.shop.example.com", "data:redis"].every((id) => actions.some((a) => a.id === id)), JSON.stringify(actions));
    const ending = ["", "==> What was copied (output `copied`)", ...copiedLines(run.outputs.copied?.value), "", "==> What is left for you to do (output `manualActions`)", ...checklistLines(actions), ""].join("\n");
    assert.ok(printed.endsWith(ending), `the demo does not end with the copied summary and the checklist; its last lines:\n${printed.slice(-1500)}`);

    for (const folder of run.folders) assert.ok(!fs.existsSync(folder), `${folder} left behind`);
    assert.deepEqual(dynamicProviderProcesses({ environment: `SCALINGO_AUTH_URL=${run.authUrl}` }), [], "a dynamic provider of the demo still runs");
    await assert.rejects(fetch(`${run.authUrl}/v1/regions`), "the demo's simulator still answers");
  });
});

describe("the demo's checklist", () => {
  it("puts blocking actions first and marks them, each with why", () => {
    const lines = checklistLines([
      { id: "dns:a", action: "Point a at b", why: "nothing redirects", blocking: false },
      { id: "code:git-push", action: "Push your code", why: "git push app", blocking: true },
    ]);
    assert.deepEqual(lines, ["  [ ] BLOCKING  Push your code", "        why: git push app", "  [ ] Point a at b", "        why: nothing redirects", "  2 item(s), 1 blocking (the migration cannot go on until they are done)"]);
  });
});
