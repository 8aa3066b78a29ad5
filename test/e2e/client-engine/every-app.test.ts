import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { deployedApp } from "../../client/support/public-world";
import { comparableShape, withoutManual } from "../../client-engine/shape";
import { codeArchive } from "../../simulator/support/public-api";
import type { Simulator } from "../../../simulator";
import type { TestStack } from "../../support/pulumi-engine";
import { assertNoToken, engineWorld, outputsOf, rootProgramStack, setConfig, storedMigration } from "../e2e-harness";
import { DESTINATION, failedUp, personApi, SOURCE, sourceFlags, writes } from "./support";

/**
 * Every fixture app of the public-API world, each on one stack: abort at create, at prepare and
 * at data (the destination gone, the source as it was: formation, SCM flags, status, data),
 * then the whole path one stage per `up`, with a finalize that fails and is run again, ending
 * with the source's shape on the destination (minus what is listed as manual). influx-app is
 * the one the destination cannot take: refused at create.
 */
interface FixtureApp {
  app: string;
  /** Where the code comes from: its SCM link, an archive given as `sourceArchive`, or a person's push. */
  code: "scm" | "archive" | "push";
  databases: string[];
  /** shop-app's stage-by-stage path, with drift, is stages.test.ts. */
  wholePath: boolean;
  procfile: string;
}

const APPS: FixtureApp[] = [
  { app: "shop-app", code: "scm", databases: ["postgresql"], wholePath: false, procfile: "web: npm start\nworker: node worker.js\n" },
  { app: "mysql-app", code: "archive", databases: ["mysql"], wholePath: true, procfile: "web: npm start\n" },
  { app: "git-push-app", code: "push", databases: ["postgresql"], wholePath: true, procfile: "web: bundle exec puma\nclock: bundle exec clockwork clock.rb" },
];

describe("real engine: the client engine on every fixture app, abort at each stage and the whole path", function () {
  this.timeout(300_000);
  const world = engineWorld({ rateLimitPerMinute: 0 });

  for (const fixture of APPS) {
    it(`${fixture.app}: abort at create, prepare and data leaves the source as it was${fixture.wholePath ? "; then stage by stage to done, finalize run again after a failure" : ""}`, async () => {
      const sim = world.simulator;
      const config: Record<string, string> = { app: fixture.app, engine: "client", stage: "create", ...(fixture.code === "archive" ? { sourceArchive: archiveOf(fixture.procfile) } : {}) };
      const stack = world.track(await rootProgramStack(sim, config));
      const before = sim.app(SOURCE, fixture.app)!;
      const sourceAsItWas = () => ({ ...sourceFlags(sim.app(SOURCE, fixture.app)!), digests: fixture.databases.map((db) => sim.database(SOURCE, fixture.app, db).digest) });
      const asItWas = sourceAsItWas();

      for (const [stage, status] of [["create", "preflight-success"], ["prepare", "prepared"], ["data", "data-migrated"]] as const) {
        await upTo(stack, sim, fixture, stage);
        assert.equal((await outputsOf(stack)).status, status, `${fixture.app} at ${stage}`);
        const source = sim.app(SOURCE, fixture.app)!;
        if (stage === "prepare" && before.scm?.auto_deploy_enabled) assert.equal(source.scm?.auto_deploy_enabled, false, "frozen by prepare");
        if (stage === "data") assert.ok(source.formation.every((f) => f.amount === 0), "stopped by the data step");
        await stack.destroy();
        if (stage === "create") assert.deepEqual(writes(sim), ["POST /v1/apps"], "create and its abort wrote nothing but the name check's dry run");
        assert.equal(sim.app(DESTINATION, fixture.app), undefined, `${fixture.app}: the destination deleted after an abort at ${stage}`);
        assert.deepEqual(sourceAsItWas(), asItWas, `${fixture.app}: the source after an abort at ${stage}`);
      }
      if (!fixture.wholePath) return;

      await upTo(stack, sim, fixture, "create");
      await upTo(stack, sim, fixture, "prepare");
      await upTo(stack, sim, fixture, "data");
      sim.setFaults([{ method: "POST", path: `/v1/apps/${fixture.app}/scale`, region: DESTINATION, status: 500, body: { error: "internal error" }, count: 10 }]);
      await setConfig(stack, { stage: "finalize" });
      const seen = await failedUp(stack);
      assert.match(seen, new RegExp(`formation of ${fixture.app} on osc-secnum-fr1: POST /v1/apps/:app/scale`), seen);
      assert.equal((await storedMigration(stack))!.reachedStage, "data", "the partial state is kept");
      sim.setFaults([]);
      await stack.up();
      assert.equal((await outputsOf(stack)).status, "done");
      const after = sim.app(DESTINATION, fixture.app)!;
      assert.deepEqual(comparableShape(after), withoutManual(comparableShape(before), before));
      for (const db of fixture.databases) assert.equal(sim.database(DESTINATION, fixture.app, db).digest, sim.database(SOURCE, fixture.app, db).digest, `${db} data`);
      await assertNoToken(stack);
    });
  }

  it("influx-app: refused at create (the destination offers no such InfluxDB plan), nothing written, and destroy drops it", async () => {
    const sim = world.simulator;
    const asItWas = sourceFlags(sim.app(SOURCE, "influx-app")!);
    const stack = world.track(await rootProgramStack(sim, { app: "influx-app", engine: "client", stage: "finalize" }));
    const seen = await failedUp(stack);
    assert.match(seen, /Check stack, container sizes and addon plans by name: app influx-app: osc-secnum-fr1 has no addon influxdb \(plan [a-z0-9-]+\) on osc-secnum-fr1: no such plan/, seen);
    assert.equal((await storedMigration(stack))!.status, "preflight-error");
    assert.deepEqual(writes(sim), ["POST /v1/apps"], "only the name check's dry run");
    await stack.destroy();
    assert.equal(sim.app(DESTINATION, "influx-app"), undefined);
    assert.deepEqual(sourceFlags(sim.app(SOURCE, "influx-app")!), asItWas);
  });
});

/** `up` to `stage`; a git-push app gets the person's push once prepared (data needs a deployment). */
async function upTo(stack: TestStack, sim: Simulator, fixture: FixtureApp, stage: "create" | "prepare" | "data"): Promise<void> {
  if (fixture.code === "push" && stage === "data") {
    await upTo(stack, sim, fixture, "prepare");
    await deployedApp(personApi(sim).region(DESTINATION), fixture.app, fixture.procfile, { create: false });
  }
  await setConfig(stack, { stage });
  await stack.up();
}

function archiveOf(procfile: string): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "fixture-app-code-")), "code.tar.gz");
  fs.writeFileSync(file, codeArchive(procfile));
  return file;
}
