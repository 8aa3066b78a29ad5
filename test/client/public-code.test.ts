import * as assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ScalingoConfigError, ScalingoHttpError, ScalingoNotFoundError } from "../../provider/client";
import { deploymentSettled } from "../../provider/client/public";
import { codeArchive } from "../simulator/support/public-api";
import { deployedApp, everything, publicWorld, until } from "./support/public-world";

describe("public API client: SCM link, sources, deployments", function () {
  this.timeout(20_000);
  const world = publicWorld();

  it("reads an SCM link, or null for an app without one (but a missing app is still an error)", async () => {
    const link = await world.src.scm.show("shop-app");
    assert.deepEqual([link?.scmType, link?.owner, link?.repo, link?.branch], ["github", "example-org", "shop", "main"]);
    assert.equal(await world.src.scm.show("git-push-app"), null);
    await assert.rejects(world.src.scm.show("ghost-app"), (e: unknown) => e instanceof ScalingoNotFoundError && e.resource === "app");
  });

  it("links the destination with the same branch and flags, turns auto-deploy off, deploys HEAD, unlinks", async () => {
    const source = (await world.src.scm.show("shop-app"))!;
    const integration = (await world.api.scmIntegrations()).find((i) => i.id === source.authIntegrationUuid)!;
    assert.ok(integration, "the link's integration is the account's, in every region");
    assert.ok(!everything(await world.api.scmIntegrations()).includes("access_token"));
    await world.dst.apps.create({ name: "shop-app" });
    const created = await world.dst.scm.create("shop-app", {
      source: `${integration.url}/${source.owner}/${source.repo}`,
      authIntegrationUuid: integration.id,
      branch: source.branch,
      autoDeployEnabled: source.autoDeployEnabled,
      deployReviewAppsEnabled: source.deployReviewAppsEnabled,
    });
    assert.deepEqual([created.owner, created.repo, created.branch], [source.owner, source.repo, source.branch]);
    const frozen = await world.dst.scm.update("shop-app", { autoDeployEnabled: false, deployReviewAppsEnabled: false });
    assert.deepEqual([frozen.autoDeployEnabled, frozen.deployReviewAppsEnabled], [false, false]);
    const deployment = await world.dst.scm.manualDeploy("shop-app", source.branch);
    const ended = await until(() => world.dst.deployments.show("shop-app", deployment.id), deploymentSettled);
    assert.equal(ended.status, "success");
    assert.equal((await world.dst.apps.show("shop-app")).lastDeploymentId, deployment.id);
    await world.dst.scm.delete("shop-app");
    assert.equal(await world.dst.scm.show("shop-app"), null);
  });

  it("uploads a local .tar.gz through Sources and deploys it; the build log reads as text", async () => {
    await world.dst.apps.create({ name: "git-push-app" });
    const dir = mkdtempSync(join(tmpdir(), "pubclient-"));
    const path = join(dir, "code.tar.gz");
    writeFileSync(path, codeArchive("web: bundle exec puma\nclock: bundle exec clockwork clock.rb\n"));
    const url = await world.dst.sources.uploadFile(path);
    const uploads = world.sim.requests().filter((r) => r.method === "PUT" && r.path.startsWith("/_storage/sources/"));
    assert.deepEqual(uploads.map((r) => r.status), [200]);
    const created = await world.dst.deployments.create("git-push-app", url, "b7d1e0a93c5f");
    assert.equal(created.status, "building");
    const ended = await until(() => world.dst.deployments.show("git-push-app", created.id), deploymentSettled);
    assert.deepEqual([ended.status, ended.gitRef], ["success", "b7d1e0a93c5f"]);
    assert.deepEqual((await world.dst.formation.containers("git-push-app")).map((c) => c.name).sort(), ["clock", "web"]);
    const output = await world.dst.deployments.output("git-push-app", created.id);
    assert.equal(typeof output, "string");
    assert.ok(output.length > 0);
  });

  it("refuses a local file that is not gzip, or missing, before any request", async () => {
    const dir = mkdtempSync(join(tmpdir(), "pubclient-"));
    writeFileSync(join(dir, "code.zip"), "PK\u0003\u0004 not a tarball");
    world.sim.clearRequests();
    await assert.rejects(world.dst.sources.uploadFile(join(dir, "code.zip")), (e: unknown) => e instanceof ScalingoConfigError && /not a gzip file/.test(e.message));
    await assert.rejects(world.dst.sources.uploadFile(join(dir, "absent.tar.gz")), (e: unknown) => e instanceof ScalingoConfigError && /ENOENT/.test(e.message));
    assert.deepEqual(world.sim.requests(), []);
  });

  it("names an expired upload URL by what it is, never by the URL", async () => {
    world.sim.setAsyncTimings({ urlTtl: 1 });
    const source = await world.dst.sources.create();
    await new Promise((resolve) => setTimeout(resolve, 10));
    await assert.rejects(world.dst.sources.upload(source, codeArchive()), (e: unknown) => {
      assert.ok(e instanceof ScalingoHttpError);
      assert.equal(e.status, 403);
      assert.equal(e.message, "PUT <source upload URL> (region osc-secnum-fr1) answered 403: AccessDenied: Request has expired");
      assert.ok(!everything(e).includes("signature"), everything(e));
      assert.ok(!everything(e).includes(new URL(source.uploadUrl.reveal()).pathname), everything(e));
      return true;
    });
  });

  it("lists deployments page by page, following next_page", async () => {
    await deployedApp(world.dst, "fresh-app");
    for (let i = 0; i < 4; i++) {
      const source = await world.dst.sources.create();
      await world.dst.sources.upload(source, codeArchive());
      const d = await world.dst.deployments.create("fresh-app", source.downloadUrl, `v${i + 2}`);
      await until(() => world.dst.deployments.show("fresh-app", d.id), deploymentSettled);
    }
    const first = await world.dst.deployments.list("fresh-app", { perPage: 2 });
    assert.deepEqual([first.items.length, first.currentPage, first.nextPage, first.totalPages, first.totalCount], [2, 1, 2, 3, 5]);
    assert.equal(first.items[0]!.gitRef, "v5", "newest first");
    world.sim.clearRequests();
    const all = await world.dst.deployments.listAll("fresh-app", { perPage: 2 });
    assert.deepEqual(all.map((d) => d.gitRef), ["v5", "v4", "v3", "v2", "v1"]);
    assert.deepEqual(world.sim.requests().filter((r) => r.path === "/v1/apps/fresh-app/deployments").length, 3, "one request per page");
    const lastPage = await world.dst.deployments.list("fresh-app", { page: 3, perPage: 2 });
    assert.deepEqual([lastPage.items.length, lastPage.nextPage], [1, null]);
  });
});
