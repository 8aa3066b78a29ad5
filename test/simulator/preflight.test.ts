import assert from "node:assert/strict";
import { type MigrationSnapshot } from "../../simulator";
import { simulatorWorld } from "./support/test-client";

describe("simulator: preflight blockers", () => {
  const world = simulatorWorld("suite");

  async function preflight(app: string, dstAppName = ""): Promise<MigrationSnapshot> {
    const { id } = await world.client.createMigration(app, "osc-secnum-fr1", dstAppName);
    return world.client.runAndWait(app, id, "preflight");
  }

  function failedChecks(m: MigrationSnapshot): { name: string; logs: string | null }[] {
    return m.steps.filter((s) => s.status === "error").map(({ name, logs }) => ({ name, logs }));
  }

  it("fails 'Check addons compatibility' for an InfluxDB addon", async () => {
    const m = await preflight("influx-app");
    assert.equal(m.status, "preflight-error");
    const [check, summary] = failedChecks(m);
    assert.equal(check.name, "Check addons compatibility");
    assert.match(check.logs ?? "", /InfluxDB/);
    assert.deepEqual(summary, { name: "Preflight checks", logs: "A preflight failed, aborting migration." });
  });

  it("fails 'Check addon versions' for a PostgreSQL too old for the destination", async () => {
    const m = await preflight("old-pg-app");
    assert.equal(m.status, "preflight-error");
    assert.deepEqual(failedChecks(m)[0], {
      name: "Check addon versions",
      logs:
        "The addon PostgreSQL is using a version that is not supported on the osc-secnum-fr1 zone. " +
        "Please update the addon before attempting a migration",
    });
  });

  it("fails 'Check certificate validity' for an expired certificate", async () => {
    const m = await preflight("expired-cert-app");
    const [check] = failedChecks(m);
    assert.equal(check.name, "Check certificate validity");
    assert.match(check.logs ?? "", /expired-cert-app\.example\.com/);
  });

  it("fails the name check when the name is taken on the destination, passes with another name", async () => {
    const m = await preflight("taken-name-app");
    assert.equal(m.status, "preflight-error");
    assert.deepEqual(
      failedChecks(m).map((s) => s.name),
      ["Check if the name taken-name-app is available on osc-secnum-fr1", "Preflight checks"],
    );
    const renamed = await preflight("taken-name-app", "taken-name-app-2");
    assert.equal(renamed.status, "preflight-success");
    assert.equal(renamed.steps[3].name, "Check if the name taken-name-app-2 is available on osc-secnum-fr1");
  });

  it("runs every check even after one failed, and makes preflight-error final", async () => {
    const m = await preflight("old-pg-app");
    assert.deepEqual(
      m.steps.map((s) => s.status),
      ["error", "done", "done", "done", "error"],
    );
    assert.equal((await world.client.run("old-pg-app", m.id, "abort")).status, 422);
  });
});
