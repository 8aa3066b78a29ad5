import assert from "node:assert/strict";
import { type MigrationSnapshot } from "../../simulator";
import { simulatorWorld } from "./support/test-client";

const DESTINATION = "osc-secnum-fr1";

const PREFLIGHT_STEPS = [
  "Check addon versions",
  "Check certificate validity",
  "Check addons compatibility",
  "Check if the name my-app is available on osc-secnum-fr1",
  "Preflight checks",
];

const PREPARE_STEPS = [
  "Create the new app named my-app in the region osc-secnum-fr1",
  "Mark your app as migrating",
  "Import last deployment",
  "Import environment variables",
  "Import SCM configuration",
  "Import collaborators",
  "Import domains and TLS certificates",
  "Import application settings",
  "Import formation",
  "Import notifiers",
  "Import autoscalers",
  "Import alerts",
  "Import log drains",
];

const DATA_STEPS = [
  "Stop your old app",
  "Create addon PostgreSQL on osc-secnum-fr1",
  "Backup PostgreSQL data",
  "Create addon Redis on osc-secnum-fr1",
  "Backup Redis data",
  "Import PostgreSQL data",
  "Import Redis data",
];

const REDIRECT_STEP = "Redirect the traffic coming to 'my-app' on the old region to 'my-app' on 'osc-secnum-fr1'";

describe("simulator: a region migration from start to end", () => {
  const world = simulatorWorld("test");

  it("creates a bare migration object in `created` with empty steps", async () => {
    const answer = await world.client.post("osc-fr1", "/v1/apps/my-app/region_migrations", {
      migration: { destination: DESTINATION, dst_app_name: "" },
    });
    assert.equal(answer.status, 201);
    const m = answer.body;
    assert.match(m.id, /^[0-9a-f-]{36}$/);
    assert.equal(m.src_app_name, "my-app");
    assert.equal(m.dst_app_name, "my-app");
    assert.equal(m.app_id, world.sim.app("osc-fr1", "my-app")?.id);
    assert.equal(m.new_app_id, null);
    assert.equal(m.source, "osc-fr1");
    assert.equal(m.destination, DESTINATION);
    assert.equal(m.status, "created");
    assert.ok(!Number.isNaN(Date.parse(m.started_at)));
    assert.equal(m.finished_at, null);
    assert.deepEqual(m.steps, []);
    // Nothing runs until the client runs preflight.
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.equal((await world.client.show("my-app", m.id)).status, "created");
  });

  it("goes preflight → prepare → data → finalize, appending each run's sub-steps", async () => {
    const created = await world.client.createMigration("my-app");
    const id = created.id;

    const preflight = await world.client.runAndWait("my-app", id, "preflight");
    assert.equal(preflight.status, "preflight-success");
    assert.deepEqual(names(preflight), PREFLIGHT_STEPS);
    assert.ok(preflight.steps.every((s) => s.status === "done" && s.logs === null));
    assert.notEqual(preflight.finished_at, null);

    const prepareRun = await world.client.run("my-app", id, "prepare");
    assert.equal(prepareRun.status, 204);
    assert.equal(prepareRun.text, "");
    const during = await world.client.show("my-app", id);
    assert.equal(during.status, "running");
    assert.equal(during.finished_at, null);
    assert.equal(during.new_app_id, null);
    const prepared = await world.client.waitUntilEnded("my-app", id);
    assert.equal(prepared.status, "prepared");
    assert.deepEqual(names(prepared), [...PREFLIGHT_STEPS, ...PREPARE_STEPS]);
    assert.deepEqual(prepared.steps.slice(0, 5), preflight.steps, "older sub-steps stay as they were");
    assert.ok(prepared.new_app_id);
    assert.ok(prepared.steps.every((s) => s.status === "done"));

    const migrated = await world.client.runAndWait("my-app", id, "data");
    assert.equal(migrated.status, "data-migrated");
    assert.deepEqual(names(migrated).slice(18).sort(), [...DATA_STEPS].sort());
    assert.equal(names(migrated)[18], "Stop your old app");

    const done = await world.client.runAndWait("my-app", id, "finalize");
    assert.equal(done.status, "done");
    assert.deepEqual(names(done).slice(25), ["Start the new app", REDIRECT_STEP]);
    assert.ok(done.steps.every((s) => s.status === "done"));
    assert.equal(done.new_app_id, prepared.new_app_id);
  });

  it("runs the sub-steps of a run one after another, each shown running before done", async () => {
    world.sim.setStepDurations({ prepare: 1300 });
    const { id } = await world.client.createMigration("my-app");
    await world.client.runAndWait("my-app", id, "preflight");
    await world.client.run("my-app", id, "prepare");
    const midway = await world.client.waitFor("my-app", id, (m) => m.steps.length >= 7);
    const prepareSteps = midway.steps.slice(5);
    assert.equal(prepareSteps.filter((s) => s.status === "running").length, 1);
    assert.equal(prepareSteps.at(-1)?.status, "running");
    assert.ok(prepareSteps.slice(0, -1).every((s) => s.status === "done"));
  });

  it("changes the apps: read-only source, stopped after data, new app running after finalize", async () => {
    const { id } = await world.client.createMigration("my-app");
    await world.client.runAndWait("my-app", id, "preflight");
    assert.equal((await world.client.patch("osc-fr1", "/v1/apps/my-app", { app: { sticky_session: true } })).status, 200);

    const prepared = await world.client.runAndWait("my-app", id, "prepare");
    const locked = await world.client.patch("osc-fr1", "/v1/apps/my-app", { app: { sticky_session: false } });
    assert.equal(locked.status, 423);
    assert.deepEqual(locked.body, { error: "app is being migrated" });
    assert.equal((await world.client.post("osc-fr1", "/v1/apps/my-app/scale", { containers: [{ name: "web", amount: 1 }] })).status, 423);
    assert.equal((await world.client.delete("osc-fr1", "/v1/apps/my-app?current_name=my-app")).status, 423);

    const target = await world.client.get(DESTINATION, `/v1/apps/${prepared.new_app_id}`);
    assert.equal(target.status, 200);
    assert.equal(target.body.app.status, "new");
    assert.equal(target.body.app.region, DESTINATION);
    assert.equal(target.body.app.base_url, "https://my-app.osc-secnum-fr1.scalingo.io");
    assert.equal(target.body.app.git_url, "git@ssh.osc-secnum-fr1.scalingo.com:my-app.git");
    const copy = world.sim.app(DESTINATION, "my-app");
    assert.deepEqual(copy?.env, world.sim.app("osc-fr1", "my-app")?.env);
    assert.deepEqual(copy?.collaborators.map((c) => c.email), ["alice@example.com"], "pending collaborators are not imported");
    assert.deepEqual(copy?.domains.map((d) => d.name), ["my-app.example.com"]);
    assert.equal(copy?.sticky_session, true);
    assert.equal(copy?.formation[0].amount, 2);
    assert.equal(copy?.addons.length, 0, "addons come with the data step");
    assert.equal(world.sim.app("osc-fr1", "my-app")?.status, "running");

    await world.client.runAndWait("my-app", id, "data");
    assert.equal((await world.client.get("osc-fr1", "/v1/apps/my-app")).body.app.status, "stopped");
    assert.deepEqual(
      world.sim.app(DESTINATION, "my-app")?.addons.map((a) => [a.name, a.data_imported]),
      [
        ["PostgreSQL", true],
        ["Redis", true],
      ],
    );
    assert.equal(world.sim.app(DESTINATION, "my-app")?.status, "new", "the new app is not started by data");

    await world.client.runAndWait("my-app", id, "finalize");
    const finalTarget = await world.client.get(DESTINATION, "/v1/apps/my-app");
    assert.equal(finalTarget.body.app.status, "running");
    const domains = await world.client.get(DESTINATION, "/v1/apps/my-app/domains");
    assert.deepEqual(domains.body.domains.map((d: { name: string }) => d.name), ["my-app.example.com"]);
    const source = (await world.client.get("osc-fr1", "/v1/apps/my-app")).body.app;
    assert.equal(source.status, "stopped");
    assert.equal(source.redirect.url, "https://my-app.osc-secnum-fr1.scalingo.io");
    // Final: the old app is writable again (the user may delete it).
    assert.equal((await world.client.patch("osc-fr1", "/v1/apps/my-app", { app: { router_logs: false } })).status, 200);
  });

  it("finalizes straight after prepare, stopping the old app in finalize", async () => {
    const { id } = await world.client.createMigration("my-app", DESTINATION, "my-app-secnum");
    await world.client.runAndWait("my-app", id, "preflight");
    await world.client.runAndWait("my-app", id, "prepare");
    const done = await world.client.runAndWait("my-app", id, "finalize");
    assert.equal(done.status, "done");
    assert.equal(done.dst_app_name, "my-app-secnum");
    assert.deepEqual(names(done).slice(18), [
      "Stop your old app",
      "Start the new app",
      "Redirect the traffic coming to 'my-app' on the old region to 'my-app-secnum' on 'osc-secnum-fr1'",
    ]);
    assert.equal(world.sim.app("osc-fr1", "my-app")?.status, "stopped");
    assert.equal(world.sim.app(DESTINATION, "my-app-secnum")?.status, "running");
  });

  it("aborts after data: starts the old app, deletes the new one, restores the old one", async () => {
    const { id } = await world.client.createMigration("my-app");
    await world.client.runAndWait("my-app", id, "preflight");
    const prepared = await world.client.runAndWait("my-app", id, "prepare");
    await world.client.runAndWait("my-app", id, "data");
    assert.equal((await world.client.run("my-app", id, "abort")).status, 204);
    assert.equal((await world.client.show("my-app", id)).status, "aborting");
    const aborted = await world.client.waitUntilEnded("my-app", id);
    assert.equal(aborted.status, "aborted");
    assert.deepEqual(names(aborted).slice(25), ["Start the old app", "Delete the new app", "Restore the old app"]);
    assert.equal((await world.client.get(DESTINATION, `/v1/apps/${prepared.new_app_id}`)).status, 404);
    const source = (await world.client.get("osc-fr1", "/v1/apps/my-app")).body.app;
    assert.equal(source.status, "running");
    assert.equal(source.migrating, false);
    assert.equal((await world.client.patch("osc-fr1", "/v1/apps/my-app", { app: { force_https: true } })).status, 200);
  });

  it("aborts a created migration with only the restore sub-step", async () => {
    const { id } = await world.client.createMigration("my-app");
    const aborted = await world.client.runAndWait("my-app", id, "abort");
    assert.equal(aborted.status, "aborted");
    assert.deepEqual(names(aborted), ["Restore the old app"]);
  });

  it("lists an app's migrations newest first, as a bare array", async () => {
    const first = await world.client.createMigration("my-app");
    await world.client.runAndWait("my-app", first.id, "abort");
    const second = await world.client.createMigration("my-app");
    const answer = await world.client.get("osc-fr1", "/v1/apps/my-app/region_migrations?");
    assert.equal(answer.status, 200);
    assert.ok(Array.isArray(answer.body));
    assert.deepEqual(
      answer.body.map((m: MigrationSnapshot) => m.id),
      [second.id, first.id],
    );
    assert.deepEqual((await world.client.get("osc-fr1", "/v1/apps/my-app-2/region_migrations")).body, []);
    assert.deepEqual(
      world.sim.migrations("my-app").map((m) => m.id),
      [first.id, second.id],
    );
  });

  it("migrates big-app's data five times slower than my-app's", async () => {
    const timeData = async (app: string) => {
      const { id } = await world.client.createMigration(app);
      await world.client.runAndWait(app, id, "preflight");
      await world.client.runAndWait(app, id, "prepare");
      const started = Date.now();
      await world.client.runAndWait(app, id, "data");
      return Date.now() - started;
    };
    world.sim.setStepDurations({ data: 60 });
    const small = await timeData("my-app");
    const big = await timeData("big-app");
    assert.ok(big >= 280, `big-app data took ${big} ms`);
    assert.ok(big > 2.5 * small, `big-app ${big} ms vs my-app ${small} ms`);
  });

  it("migrates fleet apps side by side", async () => {
    const apps = ["fleet-app-01", "fleet-app-02", "fleet-app-03", "fleet-app-50"];
    const done = await Promise.all(
      apps.map(async (app) => {
        const { id } = await world.client.createMigration(app);
        await world.client.runAndWait(app, id, "preflight");
        await world.client.runAndWait(app, id, "prepare");
        await world.client.runAndWait(app, id, "data");
        return world.client.runAndWait(app, id, "finalize");
      }),
    );
    assert.deepEqual(
      done.map((m) => m.status),
      ["done", "done", "done", "done"],
    );
    assert.equal(world.sim.app(DESTINATION, "fleet-app-50")?.domains[0].name, "fleet-app-50.example.com");
  });
});

function names(m: MigrationSnapshot): string[] {
  return m.steps.map((s) => s.name);
}
