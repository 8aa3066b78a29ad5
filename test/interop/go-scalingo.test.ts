import * as assert from "node:assert/strict";
import { startSimulator, type Simulator } from "../../simulator";
import { assertAborted, assertGetsEndWithQuestionMark, assertUnprocessable, GO_ZERO_TIME, until } from "./support/go-assertions";
import { buildGoClient, callsNamed, runGoClient, stepEnds } from "./support/go-client";
import { requireGo } from "./support/go-toolchain";

/**
 * The real go-scalingo client (v7.0.2, the last release with the region-migration calls,
 * also inside Scalingo CLI 1.34.0) against the simulator: every answer must be one it
 * accepts and parses into the shape real clients read.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe("interop: go-scalingo v7.0.2 against the simulator", function () {
  this.timeout(60_000);
  let bin: string;
  let sim: Simulator;
  const go = (...args: string[]) => runGoClient(bin, sim.authUrl, args);

  before(async function () {
    this.timeout(600_000); // a cold build downloads go-scalingo and its dependencies
    requireGo(this, "go-scalingo interop");
    bin = await buildGoClient();
  });
  beforeEach(async () => {
    sim = await startSimulator({ port: 0, rateLimitPerMinute: 0, profile: "fast" });
  });
  afterEach(() => sim?.close());

  it("finds the region API through the auth service, exchanges the token and reads the user", async () => {
    const run = await go("session");
    assert.equal(run.exitCode, 0, run.stderr);
    const [exchange] = callsNamed(run, "TokenExchange");
    assert.equal(exchange.value.parts, 3);
    assert.ok(exchange.value.expiresInSec > 3500 && exchange.value.expiresInSec <= 3600, JSON.stringify(exchange.value));
    const [regions] = callsNamed(run, "RegionsList");
    assert.deepEqual(
      regions.value.map((r: { name: string; api: string; default: boolean }) => [r.name, r.api, r.default]),
      [
        ["osc-fr1", sim.regionApiUrl("osc-fr1"), true],
        ["osc-secnum-fr1", sim.regionApiUrl("osc-secnum-fr1"), false],
      ],
    );
    const [self] = callsNamed(run, "Self");
    assert.deepEqual(self.value, { id: self.value.id, username: "demo", fullname: "demo", email: "demo@example.com", flags: {} });
    assertGetsEndWithQuestionMark(run, sim);
    assert.ok(!run.stdout.includes("tk-us-demo") && !run.stderr.includes("tk-us-demo"), "the API token leaked into go-scalingo's output");
  });

  it("shows an app the way AppsShow parses it", async () => {
    const run = await go("app", "my-app");
    const [show] = callsNamed(run, "AppsShow");
    assert.equal(show.ok, true, JSON.stringify(show.error));
    const app = show.value;
    assert.equal(app.name, "my-app");
    assert.equal(app.region, "osc-fr1");
    assert.equal(app.status, "running");
    assert.equal(app.base_url, "https://my-app.osc-fr1.scalingo.io");
    assert.equal(app.git_url, "git@ssh.osc-fr1.scalingo.com:my-app.git");
    assert.equal(app.owner.email, "demo@example.com");
    assert.ok(Date.parse(app.created_at) > 0);
    assertGetsEndWithQuestionMark(run, sim);
  });

  it("walks my-app through create, preflight, prepare, data and finalize, then lists it", async () => {
    const run = await go("migrate", "my-app", "osc-secnum-fr1", "--until", "finalize");
    assert.equal(run.exitCode, 0, run.stdout + run.stderr);

    const created = callsNamed(run, "CreateRegionMigration")[0].value;
    assert.match(created.id, UUID);
    assert.deepEqual(
      { ...created, id: undefined, app_id: undefined, started_at: undefined },
      {
        id: undefined,
        app_id: undefined,
        started_at: undefined,
        src_app_name: "my-app",
        dst_app_name: "my-app",
        new_app_id: "", // null on the wire: "not yet"
        source: "osc-fr1",
        destination: "osc-secnum-fr1",
        status: "created",
        finished_at: GO_ZERO_TIME, // null on the wire: the CLI prints "Ongoing"
        steps: [],
      },
    );
    assert.equal(created.app_id, sim.app("osc-fr1", "my-app")!.id);
    assert.ok(Math.abs(Date.parse(created.started_at) - Date.now()) < 60_000);

    const ends = stepEnds(run);
    assert.deepEqual(
      Object.fromEntries(Object.entries(ends).map(([step, call]) => [step, call.value.status])),
      { preflight: "preflight-success", prepare: "prepared", data: "data-migrated", finalize: "done" },
    );
    for (const call of Object.values(ends)) assert.notEqual(call.value.finished_at, GO_ZERO_TIME);
    const done = ends.finalize.value;
    assert.equal(done.new_app_id, sim.app("osc-secnum-fr1", "my-app")!.id);
    assert.ok(done.steps.every((s: { status: string }) => s.status === "done"));
    assert.ok(done.steps.some((s: { name: string }) => s.name === "Preflight checks"));
    assert.ok(done.steps.some((s: { name: string }) => s.name === "Import PostgreSQL data"));

    const [list] = callsNamed(run, "ListRegionMigrations");
    assert.deepEqual(list.value.map((m: { id: string; status: string }) => [m.id, m.status]), [[created.id, "done"]]);

    assert.equal(sim.app("osc-secnum-fr1", "my-app")?.status, "running");
    assert.equal(sim.app("osc-fr1", "my-app")?.redirect?.app_name, "my-app");
    const writes = sim.requests().filter((r) => r.method === "POST" && r.region === "osc-fr1");
    assert.deepEqual(writes.map((r) => r.status), [201, 204, 204, 204, 204]);
    assertGetsEndWithQuestionMark(run, sim);

    const lateAbort = await go("run", "my-app", created.id, "abort");
    assertUnprocessable(callsNamed(lateAbort, "RunRegionMigrationStep")[0], "step", /cannot run 'abort' while the migration is 'done'/);
  });

  it("migrates under a new name (the CLI's --new-name)", async () => {
    const run = await go("migrate", "my-app", "osc-secnum-fr1", "--new-name", "my-app-secnum", "--until", "prepare");
    assert.equal(run.exitCode, 0, run.stdout + run.stderr);
    assert.equal(callsNamed(run, "CreateRegionMigration")[0].value.dst_app_name, "my-app-secnum");
    const ends = stepEnds(run);
    assert.ok(ends.preflight.value.steps.some((s: { name: string }) => s.name === "Check if the name my-app-secnum is available on osc-secnum-fr1"));
    assert.equal(ends.prepare.value.status, "prepared");
    assert.equal(ends.prepare.value.new_app_id, sim.app("osc-secnum-fr1", "my-app-secnum")?.id);
    assert.equal(sim.app("osc-secnum-fr1", "my-app"), undefined);
  });

  describe("abort", () => {
    it("aborts a migration still 'created' (preflight never run)", async () => {
      const create = await go("create", "my-app", "osc-secnum-fr1");
      const { id } = callsNamed(create, "CreateRegionMigration")[0].value;
      const run = await go("run", "my-app", id, "abort");
      assertAborted(run, sim, ["Restore the old app"]);
    });

    const stages: [string, string, string[]][] = [
      ["preflight", "preflight-success", ["Restore the old app"]],
      ["prepare", "prepared", ["Delete the new app", "Restore the old app"]],
      ["data", "data-migrated", ["Start the old app", "Delete the new app", "Restore the old app"]],
    ];
    for (const [until, status, abortSteps] of stages) {
      it(`aborts at ${status}: no new app left, the source app running and writable again`, async () => {
        const run = await go("migrate", "my-app", "osc-secnum-fr1", "--until", until, "--abort");
        assert.equal(stepEnds(run)[until].value.status, status);
        assertAborted(run, sim, abortSteps);
      });
    }

    it("aborts while prepare runs; a second client waiting on prepare sees 'aborted'", async () => {
      const start = await go("migrate", "my-app", "osc-secnum-fr1", "--until", "preflight");
      const { id } = callsNamed(start, "CreateRegionMigration")[0].value;
      sim.setStepDurations({ prepare: 6_500 }); // 0.5 s per sub-step
      const waitingOnPrepare = go("run", "my-app", id, "prepare");
      // Once the new app exists, so the abort has it to delete.
      await until(() => sim.migrations("my-app")[0].new_app_id !== null);
      const abort = await go("run", "my-app", id, "abort");
      assertAborted(abort, sim, ["Delete the new app", "Restore the old app"]);
      const prepare = await waitingOnPrepare;
      assert.equal(stepEnds(prepare).prepare.value.status, "aborted");
      const interrupted = stepEnds(prepare).prepare.value.steps.find((s: { status: string }) => s.status === "error");
      assert.equal(interrupted?.logs, "Interrupted: the migration is being aborted");
    });
  });

  describe("preflight blockers", () => {
    const blockers: [string, string, RegExp][] = [
      ["influx-app", "Check addons compatibility", /The addon InfluxDB cannot be migrated automatically/],
      ["old-pg-app", "Check addon versions", /The addon PostgreSQL is using a version that is not supported on the osc-secnum-fr1 zone/],
      ["expired-cert-app", "Check certificate validity", /The certificate of the domain expired-cert-app\.example\.com expired on /],
      ["taken-name-app", "Check if the name taken-name-app is available on osc-secnum-fr1", /The name taken-name-app is already used/],
    ];
    for (const [app, check, logs] of blockers) {
      it(`${app}: preflight-error at "${check}", final (abort refused with 422)`, async () => {
        const run = await go("migrate", app, "osc-secnum-fr1", "--abort");
        const preflight = stepEnds(run).preflight.value;
        assert.equal(preflight.status, "preflight-error");
        assert.notEqual(preflight.finished_at, GO_ZERO_TIME);
        const failed = preflight.steps.filter((s: { status: string }) => s.status === "error");
        assert.deepEqual(failed.map((s: { name: string }) => s.name), [check, "Preflight checks"]);
        assert.match(failed[0].logs, logs);
        assert.equal(failed[1].logs, "A preflight failed, aborting migration.");
        const abort = callsNamed(run, "RunRegionMigrationStep").find((c) => c.args?.step === "abort")!;
        assertUnprocessable(abort, "step", /cannot run 'abort' while the migration is 'preflight-error'/);
        assert.equal(callsNamed(run, "ListRegionMigrations")[0].value[0].status, "preflight-error");
        assert.equal(run.exitCode, 1);
      });
    }
  });

  it("a failing sub-step stops prepare in 'error'; abort then cleans up", async () => {
    sim.failSubStep({ app: "my-app", step: "Import environment variables", during: "prepare" });
    const run = await go("migrate", "my-app", "osc-secnum-fr1", "--until", "finalize", "--abort");
    const ends = stepEnds(run);
    assert.equal(ends.prepare.value.status, "error");
    const failed = ends.prepare.value.steps.filter((s: { status: string }) => s.status === "error");
    assert.deepEqual(failed.map((s: { name: string; logs: string }) => [s.name, s.logs]), [["Import environment variables", "Simulated failure (scripted in the simulator)"]]);
    assert.ok(!callsNamed(run, "RunRegionMigrationStep").some((c) => c.args?.step === "data"), "data must not run after a failed prepare");
    assertAborted(run, sim, ["Delete the new app", "Restore the old app"]);
  });

  it("refusals reach go-scalingo as the typed errors it knows (422 fields, 404 resource)", async () => {
    const unknownRegion = await go("create", "my-app", "mars");
    assertUnprocessable(callsNamed(unknownRegion, "CreateRegionMigration")[0], "destination", /'mars' is not a known region/);

    const unknownApp = await go("create", "no-such-app", "osc-secnum-fr1");
    const notFound = callsNamed(unknownApp, "CreateRegionMigration")[0].error!;
    assert.deepEqual([notFound.status, notFound.apiErrorType, notFound.resource], [404, "http.NotFoundError", "app"]);
    assert.match(notFound.message, /The application was not found, did you make a typo\?/);

    const unknownId = await go("show", "my-app", "00000000-0000-0000-0000-000000000000");
    const missing = callsNamed(unknownId, "ShowRegionMigration")[0].error!;
    assert.deepEqual([missing.status, missing.resource], [404, "region_migration"]);

    const first = await go("create", "my-app", "osc-secnum-fr1");
    const { id } = callsNamed(first, "CreateRegionMigration")[0].value;
    const second = await go("create", "my-app", "osc-secnum-fr1");
    assertUnprocessable(callsNamed(second, "CreateRegionMigration")[0], "app", /a region migration is already in progress/);
    const early = await go("run", "my-app", id, "data");
    assertUnprocessable(callsNamed(early, "RunRegionMigrationStep")[0], "step", /cannot run 'data' while the migration is 'created'/);
  });

  it("429: the contract's plain-text body is not JSON to go-scalingo; a JSON body is its TooManyRequestsError", async () => {
    // See simulator/README.md, "Contract notes": go-scalingo >= 6.2.0 parses 429 bodies as JSON.
    sim.setFaults([{ path: "/v1/apps/*/region_migrations", status: 429, body: "Retry later", count: 1 }]);
    const plain = callsNamed(await go("list", "my-app"), "ListRegionMigrations")[0].error!;
    assert.equal(plain.status, undefined);
    assert.match(plain.message, /fail to parse JSON of request GET .*: invalid character 'R'/);

    sim.setFaults([{ path: "/v1/apps/*/region_migrations", status: 429, body: { error: "Too many requests", code: "rate_limited" }, count: 1 }]);
    const typed = callsNamed(await go("list", "my-app"), "ListRegionMigrations")[0].error!;
    assert.deepEqual([typed.status, typed.apiErrorType], [429, "http.TooManyRequestsError"]);
  });
});
