import * as assert from "node:assert/strict";
import { startSimulator, type Simulator } from "../../simulator";
import { buildGoClient, callsNamed, runGoClient, type GoCall, type GoRun } from "./support/go-client";
import { requireGo } from "./support/go-toolchain";

/**
 * The real go-scalingo v10.0.0 (the release the Go module proxy serves) against the simulator's
 * public API, through the SDK's own methods: a region move of shop-app and of mysql-app, then the
 * refusals a client must be able to read. Every answer must be one it accepts and parses.
 */

const SOURCE = "osc-fr1";
const DESTINATION = "osc-secnum-fr1";

/** Every SDK method the move drives; the endpoint table in simulator/README.md lists them. */
const MOVE_METHODS = [
  "New", "AppsList", "AppsShow", "StacksList", "ContainerSizesList", "AddonProvidersList", "NotificationPlatformsList",
  "NotificationPlatformByName", "EventTypesList", "ProjectsList", "AppsCreate", "AppsForceHTTPS", "AppsStickySession",
  "AppsRouterLogs", "AppsSetStack", "AppsScale", "AddonsList", "AddonProviderPlansList", "AddonProvision", "AddonShow", "AddonUpgrade",
  "VariablesList", "VariableMultipleSet", "VariableSet", "VariablesListWithoutAlias", "VariableUnset", "CollaboratorsList",
  "CollaboratorAdd", "CollaboratorUpdate", "CollaboratorRemove", "DomainsList", "DomainsAdd", "DomainUnsetCertificate",
  "DomainSetCertificate", "DomainSetCanonical", "DomainsShow", "DomainsRemove", "NotifiersList", "NotifierProvision",
  "NotifierUpdate", "NotifierByID", "AlertsList", "AlertAdd", "AlertUpdate", "AlertShow", "LogDrainsList", "LogDrainAdd",
  "LogDrainsAddonList", "LogDrainAddonAdd", "LogDrainAddonRemove", "LogDrainRemove", "SCMRepoLinkShow", "SCMIntegrationsList", "SCMRepoLinkCreate",
  "SCMRepoLinkUpdate", "SCMRepoLinkManualDeploy", "Deployment", "SCMRepoLinkDeployments", "SourcesCreate",
  "DeploymentsCreate", "DeploymentList", "DeploymentListWithPagination", "DeploymentLogs", "AutoscalersList",
  "AutoscalerAdd", "AutoscalerUpdate", "AutoscalerShow", "AppsContainerTypes", "OperationsShowFromURL", "AppsRestart",
  "OperationsShow", "AppsContainersPs", "DatabaseShow", "DatabaseTypeVersion", "BackupCreate", "BackupShow", "BackupList",
  "BackupDownloadURL", "Run", "Logs", "EventsList",
];
const DELETE_METHODS = ["AutoscalerRemove", "AlertRemove", "NotifierDestroy", "SCMRepoLinkDelete", "AddonDestroy", "AppsDestroy"];

describe("interop: go-scalingo v10.0.0 against the simulator's public API", function () {
  this.timeout(60_000);
  let bin: string;
  let sim: Simulator;
  const go = (...args: string[]) => runGoClient(bin, sim.authUrl, args);

  before(async function () {
    this.timeout(600_000); // a cold build downloads go-scalingo v10 and its dependencies
    requireGo(this, "go-scalingo v10 interop");
    bin = await buildGoClient("go-client-v10");
  });
  beforeEach(async () => {
    sim = await startSimulator({ port: 0, rateLimitPerMinute: 0, profile: "fast" });
  });
  afterEach(() => sim?.close());

  describe("moving shop-app to osc-secnum-fr1", () => {
    let run: GoRun;
    beforeEach(async () => {
      run = await go("move", "shop-app", SOURCE, DESTINATION, "shop-app");
    });

    it("goes through every call, each answer parsed by go-scalingo", () => {
      assert.equal(run.exitCode, 0, failures(run));
      assert.deepEqual(MOVE_METHODS.filter((m) => !run.calls.some((c) => c.call === m)), [], "SDK methods the move never called");
      assert.deepEqual(sim.requests().filter((r) => r.status >= 500), []);
    });

    it("creates the app with the destination's own stack and project ids, dry run first", () => {
      const [dryRun, created] = callsNamed(run, "AppsCreate");
      assert.equal(dryRun.args!.dry_run, "true");
      assert.equal(dryRun.value.id, "", "a dry run creates nothing");
      const source = callsNamed(run, "AppsShow")[0].value;
      assert.notEqual(created.value.stack_id, source.stack_id, "stack ids differ per region");
      const app = sim.app(DESTINATION, "shop-app")!;
      assert.equal(app.stack, "scalingo-22");
      assert.deepEqual([app.force_https, app.sticky_session, app.router_logs], [true, true, false]);
    });

    it("scales web to 0 before the first deploy (200), then like the source through an operation (202 + Location)", () => {
      const [before, after] = callsNamed(run, "AppsScale");
      assert.deepEqual([before.value.status, before.value.location], [200, ""]);
      assert.equal(after.value.status, 202);
      assert.match(after.value.location, /\/osc-secnum-fr1\/v1\/apps\/shop-app\/operations\/[0-9a-f-]{36}$/);
      const op = callsNamed(run, "OperationsShowFromURL")[0];
      assert.deepEqual([op.value.type, op.value.status], ["scale", "done"]);
      assert.ok(op.polls! >= 2, "the operation is asynchronous");
      assert.deepEqual(
        sim.app(DESTINATION, "shop-app")!.formation.map((f) => [f.name, f.amount, f.size]),
        [["web", 2, "M"], ["worker", 1, "L"]],
      );
      assert.equal(callsNamed(run, "AppsRestart")[0].value.status, 202);
    });

    it("provisions addons by plan name, asynchronously, and copies variables without the addon-owned ones", () => {
      const provisioned = callsNamed(run, "AddonProvision");
      assert.deepEqual(provisioned.map((c) => [c.value.addon.addon_provider.name, c.value.addon.status, c.value.variables]), [
        ["PostgreSQL", "provisioning", ["SCALINGO_POSTGRESQL_URL"]],
        ["Redis", "provisioning", ["SCALINGO_REDIS_URL"]],
      ]);
      assert.equal(callsNamed(run, "VariableMultipleSet")[0].args!.count, 4, "6 source variables minus the 2 addon-owned ones");
      assert.deepEqual(callsNamed(run, "VariableSet").map((c) => c.args!.status), [201, 200]);
      const listed = callsNamed(run, "VariablesList").find((c) => c.region === DESTINATION)!;
      assert.deepEqual(listed.value, { DATABASE_URL: "$SCALINGO_POSTGRESQL_URL", CACHE_URL: "$SCALINGO_REDIS_URL" });
      assert.deepEqual(callsNamed(run, "VariablesListWithoutAlias")[0].value, { DATABASE_URL: "(expanded: postgres URL)" });
      const destination = sim.app(DESTINATION, "shop-app")!;
      const source = sim.app(SOURCE, "shop-app")!;
      assert.notEqual(destination.env.SCALINGO_POSTGRESQL_URL, source.env.SCALINGO_POSTGRESQL_URL, "the destination keeps its own database URL");
      assert.equal(destination.env.MOVED_FROM_REGION, undefined, "VariableUnset removed it");
    });

    it("recreates domains: the uploaded certificate is re-supplied and only its subject is shown", () => {
      const added = callsNamed(run, "DomainsAdd").filter((c) => c.args!.name !== "temporary.example.org");
      const [letsEncrypt, custom] = added.map((c) => c.value);
      assert.deepEqual([letsEncrypt.letsencrypt_status, letsEncrypt.ssl], ["pending_dns", false]);
      assert.deepEqual([custom.tlscert, custom.letsencrypt, custom.ssl], ["/CN=www.shop.example.com", false, true]);
      assert.match(custom.tlskey, /^EC private key - \d+ bytes$/);
      assert.ok(!run.stdout.includes("BEGIN EC PRIVATE KEY"), "no key is ever returned");
      assert.equal(callsNamed(run, "DomainsShow")[0].value.canonical, true);
      assert.deepEqual(sim.app(DESTINATION, "shop-app")!.domains.map((d) => d.name), ["shop.example.com", "www.shop.example.com"]);
    });

    it("maps notifier platforms and events, alerts' notifiers, and skips the autoscaler's own alerts", () => {
      const notifier = callsNamed(run, "NotifierProvision")[0].value;
      const source = callsNamed(run, "NotifiersList").find((c) => c.region === SOURCE)!.value[0];
      assert.notEqual(notifier.platform_id, source.platform_id);
      assert.equal(notifier.type, "slack");
      assert.equal(notifier.selected_event_ids.length, 2);
      const alerts = callsNamed(run, "AlertAdd");
      assert.equal(alerts.length, 1, "the autoscaler's two alerts are not copied");
      assert.deepEqual(alerts[0].value.notifiers, [notifier.id]);
      assert.equal(callsNamed(run, "AlertUpdate")[0].value.remind_every, "2h0m0s");
      const app = sim.app(DESTINATION, "shop-app")!;
      assert.deepEqual(app.alerts.map((a) => a.autoscaler_id === null).sort(), [false, false, true], "1 copied + 2 from the autoscaler");
    });

    it("copies app and addon log drains by URL", () => {
      const app = sim.app(DESTINATION, "shop-app")!;
      assert.deepEqual(app.log_drains.map((d) => d.url), ["datadog://dd-token@http-intake.logs.datadoghq.eu?region=eu"]);
      assert.deepEqual(app.addons.find((a) => a.provider_id === "postgresql")!.log_drains.map((d) => d.url), ["syslog+tls://db-logs.example.com:6514"]);
      assert.equal(callsNamed(run, "LogDrainAdd")[1].value.drain.url, "syslog+tls://logs.example.org:6514");
      assert.deepEqual(callsNamed(run, "AddonUpgrade").map((c) => c.value.addon.plan.name), ["redis-starter-512", "redis-starter-256"]);
    });

    it("links the repository, deploys its branch, then the uploaded archive with its Procfile", () => {
      const link = callsNamed(run, "SCMRepoLinkCreate")[0].value;
      assert.deepEqual([link.owner, link.repo, link.auto_deploy_enabled], ["example-org", "shop", false]);
      const [manual, archive] = callsNamed(run, "Deployment").map((c) => c.value);
      assert.deepEqual([manual.status, manual.git_ref], ["success", "3c5e8a1f0b2d4c6e8a0b1c2d3e4f5a6b7c8d9e0f"]);
      assert.deepEqual([archive.status, archive.git_ref], ["success", "v2.0.0"]);
      assert.equal(callsNamed(run, "DeploymentsCreate")[0].value.status, "building");
      assert.deepEqual(callsNamed(run, "UploadArchive (plain HTTP PUT)")[0].value, { status: 200 });
      assert.match(callsNamed(run, "DeploymentLogs")[0].value.output, /Deployment succeeded/);
      assert.equal(callsNamed(run, "DeploymentListWithPagination")[0].value.meta.total_count, 2);
      assert.equal(callsNamed(run, "AppsShow").at(-1)!.value.last_deployment_id ?? archive.id, archive.id);
      assert.deepEqual(sim.app(DESTINATION, "shop-app")!.procfile, { web: "npm start", worker: "node worker.js" });
    });

    it("backs the database up and restores it through a detached one-off: same records on both sides", () => {
      const backup = callsNamed(run, "BackupShow")[0];
      assert.equal(backup.value.status, "done");
      assert.ok(backup.polls! >= 2, "the backup is asynchronous");
      assert.deepEqual(callsNamed(run, "BackupDownloadURL")[0].value.signed, true);
      const logs = callsNamed(run, "Logs")[0].value as string[];
      assert.ok(logs.some((l) => /^pg_restore: restored 3 records into shop_app_[0-9a-f]{6}$/.test(l)), logs.join("\n"));
      assert.ok(logs.includes("RESTORE-OK"), logs.join("\n"));
      assert.equal(sim.database(DESTINATION, "shop-app", "postgresql").digest, sim.database(SOURCE, "shop-app", "postgresql").digest);
      assert.ok(!run.stdout.includes("signature="), "the pre-signed URL is never printed");
    });

    it("deletes the app part by part, then the app itself", async () => {
      const removal = await go("delete", "shop-app", DESTINATION);
      assert.deepEqual(DELETE_METHODS.filter((m) => !removal.calls.some((c) => c.call === m && c.ok)), [], failures(removal));
      assert.equal(callsNamed(removal, "AppsShow").at(-1)!.error?.status, 404);
      assert.equal(sim.app(DESTINATION, "shop-app"), undefined);
    });
  });

  it("moves mysql-app: the mysql client restores from the one-off's env", async () => {
    const run = await go("move", "mysql-app", SOURCE, DESTINATION, "mysql-moved");
    assert.equal(run.exitCode, 0, failures(run));
    assert.equal(callsNamed(run, "SCMRepoLinkShow")[0].error?.status, 404, "a git-push app has no link to copy");
    assert.ok((callsNamed(run, "Logs")[0].value as string[]).includes("RESTORE-OK"));
    assert.equal(sim.database(DESTINATION, "mysql-moved", "mysql").digest, sim.database(SOURCE, "mysql-app", "mysql").digest);
  });

  it("reads each refusal as the typed error Scalingo sends", async () => {
    const run = await go("refusals", "shop-app", SOURCE, DESTINATION);
    const byCase = Object.fromEntries(run.calls.filter((c) => c.args?.case).map((c) => [c.args!.case, c]));
    const refusal = (name: string) => {
      const call: GoCall = byCase[name];
      return [call.error?.status, call.error?.apiErrorType, call.error?.resource ?? Object.keys(call.error?.fields ?? {})[0]];
    };
    assert.deepEqual(refusal("unknown app"), [404, "http.NotFoundError", "app"]);
    assert.deepEqual(refusal("stack id of another region"), [422, "http.UnprocessableEntity", "stack_id"]);
    assert.deepEqual(refusal("name taken"), [422, "http.UnprocessableEntity", "name"]);
    assert.deepEqual(refusal("provider id of another region"), [422, "http.UnprocessableEntity", "addon_provider_id"]);
    assert.deepEqual(refusal("unknown container type"), [404, "http.NotFoundError", "container_type"]);
    assert.deepEqual(refusal("over 10 containers"), [422, "http.UnprocessableEntity", "containers"]);
    assert.equal(byCase["first restart"].ok, true);
    assert.deepEqual(refusal("while an operation runs"), [422, "http.UnprocessableEntity", "app"]);
    assert.deepEqual(refusal("no link"), [404, "http.NotFoundError", "scm_repo_link"]);
    assert.deepEqual(refusal("bad name"), [422, "http.UnprocessableEntity", "name"]);
    assert.deepEqual(refusal("bad certificate"), [422, "http.UnprocessableEntity", "tlscert"]);
    assert.deepEqual(refusal("run on an unknown app"), [404, "http.NotFoundError", "app"]);
  });
});

function failures(run: GoRun): string {
  return run.calls.filter((c) => !c.ok).map((c) => `${c.call} ${JSON.stringify(c.args)}: ${c.error?.message}`).join("\n") + run.stderr.slice(-1500);
}
