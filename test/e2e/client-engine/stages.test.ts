import * as assert from "node:assert/strict";
import { comparableShape, counts, withoutManual } from "../../client-engine/shape";
import { assertNoToken, engineWorld, outputsOf, rootProgramStack, setConfig, storedMigration } from "../e2e-harness";
import { DESTINATION, personApi, preparedShape, SOURCE, until, writes } from "./support";

/**
 * shop-app one stage at a time, as a person runs it (`pulumi config set stage …`, `pulumi up`),
 * with the source changed between prepare and finalize: refresh shows the drift, and the next
 * up carries it over.
 */
describe("real engine: the client engine stage by stage, with drift between prepare and finalize", function () {
  this.timeout(240_000);
  const world = engineWorld({ rateLimitPerMinute: 0 });

  it("create writes nothing; prepare builds the destination at 0; the source's changes reach the destination at finalize", async () => {
    const sim = world.simulator;
    const source = sim.app(SOURCE, "shop-app")!;
    const stack = world.track(await rootProgramStack(sim, { app: "shop-app", stage: "create", engine: "client" }));
    await stack.up();
    assert.equal((await outputsOf(stack)).status, "preflight-success");
    assert.deepEqual(writes(sim), ["POST /v1/apps"], "create: the name check's dry run, nothing else");

    await setConfig(stack, { stage: "prepare" });
    await stack.up();
    assert.equal((await outputsOf(stack)).status, "prepared");
    assert.deepEqual(comparableShape(sim.app(DESTINATION, "shop-app")!), preparedShape(source));
    assert.deepEqual(writes(sim, SOURCE), ["PATCH /v1/apps/shop-app/scm_repo_link"], "prepare's one write on the source: the freeze");

    // The person keeps working on the source after prepare: a variable, a domain, one more web container.
    const src = personApi(sim).region(SOURCE);
    await src.variables.setMany("shop-app", [{ name: "FEATURE_FLAG", value: "on" }]);
    await src.domains.add("shop-app", { name: "api.shop.example.com", letsencryptEnabled: true });
    await src.formation.scale("shop-app", [{ name: "web", amount: 3 }]);
    await until(() => sim.app(SOURCE, "shop-app")!.status === "running" && sim.app(SOURCE, "shop-app")!.formation[0]!.amount === 3, 10_000, () => "the source did not scale");
    const changed = sim.app(SOURCE, "shop-app")!;

    await stack.refresh();
    // refresh updates the resource's state (stack outputs change at the next up).
    const drift = (await storedMigration(stack))!.manualActions as { id: string; action: string }[];
    assert.match(drift.find((a) => a.id === "source-drift")?.action ?? "", /since prepare \(\d+ change\(s\): .*edit_variables.*new_domain/, JSON.stringify(drift));

    await setConfig(stack, { stage: "finalize" });
    await stack.up();
    const outputs = await outputsOf(stack);
    assert.equal(outputs.status, "done");
    const after = sim.app(DESTINATION, "shop-app")!;
    assert.deepEqual(comparableShape(after), withoutManual(comparableShape(changed), changed), "the destination equals the changed source (web: 3) minus the manual items");
    assert.ok((outputs.dnsChanges as { domain: string }[]).some((d) => d.domain === "api.shop.example.com"));
    assert.equal(sim.database(DESTINATION, "shop-app", "postgresql").digest, sim.database(SOURCE, "shop-app", "postgresql").digest);
    // Nothing twice: the source's counts, but for the invitation not re-sent (not accepted on
    // the source) and the default notifier Scalingo gives a new app.
    const expected = counts(changed);
    assert.deepEqual(counts(after), { ...expected, collaborators: expected.collaborators - 1, notifiers: expected.notifiers + 1 });
    await assertNoToken(stack);
  });
});
