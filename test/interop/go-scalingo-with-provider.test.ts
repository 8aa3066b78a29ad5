import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { Simulator } from "../../simulator";
import { loadSerializedProvider, type LoadedProvider } from "../support/serialized-provider";
import { simulatorWithEnv } from "../support/simulator-env";
import { assertAborted } from "./support/go-assertions";
import { buildGoClient, callsNamed, runGoClient } from "./support/go-client";
import { requireGo } from "./support/go-toolchain";

type Props = Record<string, unknown>;

/**
 * One migration, two clients: go-scalingo (what the Scalingo CLI runs) and the project's
 * provider (serialized and loaded back as the Pulumi engine does), handing it over both ways.
 */
describe("interop: go-scalingo and the project's provider on the same migration", function () {
  this.timeout(60_000);
  let bin: string;
  let sim: Simulator;
  let provider: LoadedProvider;
  const go = (...args: string[]) => runGoClient(bin, sim.authUrl, args);

  before(async function () {
    this.timeout(600_000);
    requireGo(this, "go-scalingo interop");
    bin = await buildGoClient();
  });
  beforeEach(async () => {
    process.env.PULUMI_SCALINGO_JOURNAL_DIR = fs.mkdtempSync(path.join(os.tmpdir(), "interop-journal-"));
    sim = await simulatorWithEnv();
    provider = await loadSerializedProvider();
    await provider.configure();
  });
  afterEach(() => sim?.close());

  const declared = (stage: string, extra: Props = {}): Props => ({
    app: "my-app",
    sourceRegion: "osc-fr1",
    destinationRegion: "osc-secnum-fr1",
    stage,
    owner: "interop/dev/my-app-migration",
    ...extra,
  });

  async function checked(news: Props, olds: Props = {}): Promise<Props> {
    const result = await provider.check(olds, news);
    assert.deepEqual(result.failures, []);
    return result.inputs;
  }

  const runPosts = () => sim.requests().filter((r) => r.method === "POST" && r.path.endsWith("/run"));

  it("the provider adopts what `migration-create` leaves (created + preflight by go-scalingo) and takes it to done", async () => {
    const started = await go("migrate", "my-app", "osc-secnum-fr1");
    const { id } = callsNamed(started, "CreateRegionMigration")[0].value;
    assert.equal(sim.migrations("my-app")[0].status, "preflight-success");

    const inputs = await checked(declared("prepare", { migrationId: id }));
    const prepared = await provider.create(inputs);
    assert.equal(prepared.id, id);
    assert.equal(prepared.outs.status, "prepared");

    const shown = callsNamed(await go("show", "my-app", id), "ShowRegionMigration")[0].value;
    assert.deepEqual([shown.status, shown.new_app_id], ["prepared", prepared.outs.newAppId]);

    const { outs } = await provider.update(id, prepared.outs, await checked(declared("finalize", { migrationId: id }), inputs));
    assert.equal(outs.status, "done");
    const listed = callsNamed(await go("list", "my-app"), "ListRegionMigrations")[0].value;
    assert.deepEqual(listed.map((m: { id: string; status: string }) => [m.id, m.status]), [[id, "done"]]);
    assert.equal(runPosts().length, 4, "preflight (go-scalingo), prepare, data, finalize (provider): each once");
    assert.equal(sim.app("osc-secnum-fr1", "my-app")?.status, "running");
  });

  it("the provider adopts a migration go-scalingo only created, and runs the preflight itself", async () => {
    const created = await go("create", "my-app", "osc-secnum-fr1");
    const { id, status } = callsNamed(created, "CreateRegionMigration")[0].value;
    assert.equal(status, "created");

    const { outs } = await provider.create(await checked(declared("create", { migrationId: id })));
    assert.deepEqual([outs.migrationId, outs.status], [id, "preflight-success"]);
    const shown = callsNamed(await go("show", "my-app", id), "ShowRegionMigration")[0].value;
    assert.equal(shown.status, "preflight-success");
    assert.ok(shown.steps.some((s: { name: string; status: string }) => s.name === "Preflight checks" && s.status === "done"));
  });

  it("go-scalingo lists, shows and aborts a migration the provider created; the provider's refresh sees 'aborted'", async () => {
    const { id, outs } = await provider.create(await checked(declared("prepare")));
    assert.equal(outs.status, "prepared");

    const listed = callsNamed(await go("list", "my-app"), "ListRegionMigrations")[0].value;
    assert.deepEqual(listed.map((m: { id: string; status: string }) => [m.id, m.status]), [[id, "prepared"]]);
    const shown = callsNamed(await go("show", "my-app", id), "ShowRegionMigration")[0].value;
    assert.deepEqual([shown.dst_app_name, shown.new_app_id], ["my-app", outs.newAppId]);

    assertAborted(await go("run", "my-app", id, "abort"), sim, ["Delete the new app", "Restore the old app"]);
    const read = await provider.read(id, outs);
    assert.equal(read.props?.status, "aborted");
  });
});
