import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import type { Simulator } from "../../simulator";
import { partialStateOf, type LoadedProvider } from "../support/serialized-provider";
import { abortDirectly, createDirectly } from "../support/direct-api";
import { providerWorld } from "../support/provider-world";
import { DEMO_TOKEN, writesIn } from "../support/simulator-env";

type Props = Record<string, unknown>;

describe("AppMigration provider, serialized as Pulumi does, against the simulator", function () {
  this.timeout(30_000);
  const world = providerWorld();
  let simulator: Simulator;
  let provider: LoadedProvider;
  beforeEach(() => {
    ({ simulator, provider } = world);
  });

  const declared = (app: string, stage: string, extra: Props = {}): Props => ({
    app,
    sourceRegion: "osc-fr1",
    destinationRegion: "osc-secnum-fr1",
    stage,
    owner: `proj/dev/${app}-migration`,
    ...extra,
  });

  async function checked(news: Props, olds: Props = {}): Promise<Props> {
    const result = await provider.check(olds, news);
    assert.deepEqual(result.failures, []);
    return result.inputs;
  }

  /** One `pulumi up` of an existing resource: check, diff, then update when diff says so. */
  async function up(state: { inputs: Props; outs: Props; id: string }, news: Props) {
    const inputs = await checked(news, state.inputs);
    const diff = await provider.diff(state.id, state.outs, inputs);
    if (!diff.changes) return { ...state, inputs, diff };
    const { outs } = await provider.update(state.id, state.outs, inputs);
    return { inputs, outs, id: state.id, diff };
  }

  /** What a migration does to the source app, step by step. */
  const sourceApp = () => {
    const app = simulator.app("osc-fr1", "my-app");
    return app && { status: app.status, migrating: app.migrating, redirect: app.redirect };
  };

  async function created(news: Props) {
    const inputs = await checked(news);
    const { id, outs } = await provider.create(inputs);
    return { inputs, outs, id };
  }

  it("stays small and holds no secret in __provider", () => {
    assert.ok(Buffer.byteLength(provider.serialized) < 5_000, `__provider is ${Buffer.byteLength(provider.serialized)} bytes`);
    assert.ok(!provider.serialized.includes(DEMO_TOKEN));
  });

  it("walks the full path one stage at a time, with the outputs of each stage", async () => {
    let state = await created(declared("my-app", "create"));
    assert.equal(state.outs.status, "preflight-success");
    assert.equal(state.outs.reachedStage, "create");
    assert.match(String(state.outs.nextStep), /stage to "prepare"/);
    assert.equal(state.outs.newAppId, null);

    state = await up(state, declared("my-app", "prepare"));
    assert.equal(state.outs.status, "prepared");
    assert.equal(state.outs.reachedStage, "prepare");
    assert.ok(state.outs.newAppId);
    // Prepare copies the app and locks the source, which keeps serving until the data step.
    assert.deepEqual(sourceApp(), { status: "running", migrating: true, redirect: null });

    state = await up(state, declared("my-app", "data"));
    assert.equal(state.outs.status, "data-migrated");
    assert.deepEqual(sourceApp(), { status: "stopped", migrating: true, redirect: null });

    state = await up(state, declared("my-app", "finalize"));
    assert.equal(state.outs.status, "done");
    assert.equal(state.outs.reachedStage, "finalize");
    assert.equal(state.outs.newAppUrl, "https://my-app.osc-secnum-fr1.scalingo.io");
    assert.match(String(state.outs.gitUrl), /osc-secnum-fr1.*my-app\.git$/);
    assert.deepEqual(state.outs.dnsChanges, [{ domain: "my-app.example.com", type: "CNAME", target: "my-app.osc-secnum-fr1.scalingo.io" }]);
    assert.ok(state.outs.redirectExpiresAt);
    assert.equal(state.outs.nextStep, "");
    const source = sourceApp();
    assert.deepEqual({ ...source, redirect: { ...source?.redirect, until: undefined } }, {
      status: "stopped",
      migrating: false,
      redirect: { region: "osc-secnum-fr1", app_name: "my-app", url: "https://my-app.osc-secnum-fr1.scalingo.io", until: undefined },
    });
    // The provider says finished_at + 30 days; the server set the redirect a few ms before it ended.
    const gapMs = Date.parse(String(state.outs.redirectExpiresAt)) - Date.parse(String(source?.redirect?.until));
    assert.ok(gapMs >= 0 && gapMs < 60_000, `redirectExpiresAt ${String(state.outs.redirectExpiresAt)} vs the source's redirect until ${String(source?.redirect?.until)}`);

    const runs = writesIn(simulator).filter((r) => r.path.endsWith("/run"));
    assert.equal(runs.length, 4, "preflight, prepare, data, finalize: one run each");

    simulator.clearRequests();
    const again = await up(state, declared("my-app", "finalize"));
    assert.equal(again.diff.changes, false);
    assert.deepEqual(writesIn(simulator), [], "same inputs, same state: no write");
  });

  it("goes from nothing straight to finalize", async () => {
    const state = await created(declared("my-app", "finalize"));
    assert.equal(state.outs.status, "done");
    assert.equal(simulator.app("osc-secnum-fr1", "my-app")?.status, "running");
  });

  it("skips the data step when migrateData is false", async () => {
    const state = await created(declared("my-app", "finalize", { migrateData: false }));
    assert.equal(state.outs.status, "done");
    const runs = writesIn(simulator).filter((r) => r.path.endsWith("/run"));
    assert.equal(runs.length, 3);
  });

  it("fails a blocked preflight with the check's logs, keeps the migration, and destroys without a call", async () => {
    const inputs = await checked(declared("old-pg-app", "prepare"));
    const failure = await partialStateOf(provider.create(inputs));
    assert.match(failure.message, /Check addon versions: The addon PostgreSQL is using a version that is not supported/);
    assert.match(failure.message, /nothing to abort/);
    assert.equal(failure.properties.status, "preflight-error");
    simulator.clearRequests();
    await provider.delete(failure.id, failure.properties);
    assert.deepEqual(writesIn(simulator), []);
  });

  it("keeps partial state on a sub-step failure, refuses to go on, and aborts on destroy", async () => {
    simulator.failSubStep({ app: "my-app", step: "Import environment variables", logs: "vault unreachable" });
    const inputs = await checked(declared("my-app", "prepare"));
    const failure = await partialStateOf(provider.create(inputs));
    assert.match(failure.message, /✘ Import environment variables: vault unreachable/);
    assert.match(failure.message, /pulumi destroy/);
    assert.equal(failure.properties.status, "error");

    const news = await checked(declared("my-app", "prepare"), inputs);
    const diff = await provider.diff(failure.id, failure.properties, news);
    assert.equal(diff.changes, true);
    const again = await partialStateOf(provider.update(failure.id, failure.properties, news));
    assert.match(again.message, /waits for an abort/);

    await provider.delete(failure.id, again.properties);
    assert.equal(simulator.migrations("my-app").at(-1)?.status, "aborted");
    assert.equal(simulator.app("osc-secnum-fr1", "my-app"), undefined);
  });

  it("times out a long step, keeps it in state, and resumes the wait on the next up", async () => {
    simulator.setStepDurations({ prepare: 2_500 });
    const inputs = await checked(declared("my-app", "prepare", { timeouts: { prepare: "1s" } }));
    const failure = await partialStateOf(provider.create(inputs));
    assert.match(failure.message, /still running after 1s/);
    assert.equal(failure.properties.status, "running");

    const news = await checked(declared("my-app", "prepare"), inputs);
    const { outs } = await provider.update(failure.id, failure.properties, news);
    assert.equal(outs.status, "prepared");
    const prepareRuns = writesIn(simulator).filter((r) => r.path.endsWith("/run")).length;
    assert.equal(prepareRuns, 2, "preflight and prepare sent once each");
  });

  it("adopts a migration created elsewhere through migrationId", async () => {
    const migration = await createDirectly(simulator, "my-app");
    const state = await created(declared("my-app", "prepare", { migrationId: migration.id }));
    assert.equal(state.outs.migrationId, migration.id);
    assert.equal(state.outs.status, "prepared");
    assert.equal(simulator.migrations("my-app").length, 1);
  });

  it("refuses an in-flight migration it did not start", async () => {
    await createDirectly(simulator, "my-app");
    const inputs = await checked(declared("my-app", "prepare"));
    await assert.rejects(provider.create(inputs), /already has a region migration in progress .* set migrationId/s);
  });

  it("keeps its intent in the journal directory of the moment, and another directory does not know it", async () => {
    const state = await created(declared("my-app", "create"));
    const journalDir = process.env.PULUMI_SCALINGO_JOURNAL_DIR!;
    const records = fs.readdirSync(journalDir).map((file) => JSON.parse(fs.readFileSync(path.join(journalDir, file), "utf8")) as Props);
    assert.deepEqual(
      records.map((r) => [r.app, r.migrationId]),
      [["my-app", state.outs.migrationId]],
      "this test's journal holds exactly this migration",
    );

    // Another machine (an empty journal) must not adopt the migration this one started.
    world.freshJournal();
    const inputs = await checked(declared("my-app", "prepare"));
    await assert.rejects(provider.create(inputs), /already has a region migration in progress .* set migrationId/s);
  });

  it("shows an external abort on refresh and starts a new migration on the next up", async () => {
    const state = await created(declared("my-app", "prepare"));
    await abortDirectly(simulator, "my-app", String(state.outs.migrationId));
    const read = await provider.read(state.id, state.outs);
    assert.equal(read.props?.status, "aborted");
    const next = await up({ ...state, outs: read.props! }, declared("my-app", "prepare"));
    assert.notEqual(next.outs.migrationId, state.outs.migrationId);
    assert.equal(next.outs.status, "prepared");
  });

  it("drops a migration that no longer exists on refresh", async () => {
    const state = await created(declared("my-app", "create"));
    const read = await provider.read(state.id, { ...state.outs, migrationId: "00000000-0000-0000-0000-000000000000" });
    assert.equal(read.id, "");
  });

  for (const stage of ["create", "prepare", "data"] as const) {
    it(`destroy at stage ${stage} aborts, deletes the destination app and restores the source`, async () => {
      const state = await created(declared("my-app", stage));
      await provider.delete(state.id, state.outs);
      const migration = simulator.migrations("my-app").at(-1)!;
      assert.equal(migration.status, "aborted");
      assert.equal(simulator.app("osc-secnum-fr1", "my-app"), undefined);
      assert.equal(simulator.app("osc-fr1", "my-app")?.status, "running");
    });
  }

  it("destroy after done makes no API call", async () => {
    const state = await created(declared("my-app", "finalize"));
    simulator.clearRequests();
    await provider.delete(state.id, state.outs);
    assert.deepEqual(writesIn(simulator), []);
  });

  it("refuses unknown regions at check time with the known names", async () => {
    const result = await provider.check({}, { ...declared("my-app", "create"), destinationRegion: "osc-nowhere" });
    assert.equal(result.failures[0]?.property, "destinationRegion");
    assert.match(result.failures[0]!.reason, /known regions: osc-fr1, osc-secnum-fr1/);
  });

  it("refuses a migrationId of another app at check time", async () => {
    const other = await createDirectly(simulator, "my-app-2");
    const result = await provider.check({}, declared("my-app", "create", { migrationId: other.id }));
    assert.equal(result.failures[0]?.property, "migrationId");
  });

  it("replaces (abort first) when the destination name changes before done, and refuses after", async () => {
    const state = await created(declared("my-app", "prepare"));
    const renamed = await checked(declared("my-app", "prepare", { newName: "my-app-secnum" }), state.inputs);
    const diff = await provider.diff(state.id, state.outs, renamed);
    assert.deepEqual(diff.replaces, ["newName"]);
    assert.equal(diff.deleteBeforeReplace, true);

    const done = await up(state, declared("my-app", "finalize"));
    const late = await checked(declared("my-app", "finalize", { newName: "my-app-secnum" }), done.inputs);
    await assert.rejects(provider.diff(done.id, done.outs, late), /newName cannot change: this migration is done/);
  });
});

