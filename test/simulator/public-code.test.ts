import assert from "node:assert/strict";
import { writeTarball } from "../../simulator/world/public/archive";
import { codeArchive, createApp, deploy, until, uploadSource } from "./support/public-api";
import { send, simulatorWorld, type Json } from "./support/test-client";

describe("simulator: public API, sources, deployments and SCM links", () => {
  const world = simulatorWorld("test");

  it("gives signed upload and download URLs: PUT then GET the same bytes; a GET on the upload URL is refused", async () => {
    const created = await world.client.post("osc-fr1", "/v1/sources", {});
    assert.equal(created.status, 201);
    const { upload_url: upload, download_url: download } = created.body.source;
    assert.equal((await fetch(download)).status, 404, "nothing uploaded yet");
    const archive = codeArchive();
    assert.equal((await fetch(upload, { method: "PUT", body: new Uint8Array(archive) })).status, 200);
    assert.deepEqual(Buffer.from(await (await fetch(download)).arrayBuffer()), archive);
    assert.equal((await fetch(upload)).status, 403);
  });

  it("deploys an archive: 201 building → success, its Procfile's types created, last_deployment_id set, output served", async () => {
    world.sim.setAsyncTimings({ deployment: 200 });
    await createApp(world.client, "osc-secnum-fr1", "fresh-app");
    const source = await uploadSource(world.client, "osc-secnum-fr1", codeArchive("web: node web.js\nclock: node clock.js\n"));
    const created = await world.client.post("osc-secnum-fr1", "/v1/apps/fresh-app/deployments", { deployment: { source_url: source, git_ref: "abc123" } });
    assert.deepEqual([created.status, created.body.deployment.status], [201, "building"]);
    const statuses = new Set<string>();
    const done = await until(
      async () => (await world.client.get("osc-secnum-fr1", `/v1/apps/fresh-app/deployments/${created.body.deployment.id}`)).body.deployment,
      (d) => (statuses.add(d.status), d.status === "success"),
    );
    assert.ok(statuses.size >= 2, `deployments go through statuses: ${[...statuses]}`);
    const app = (await world.client.get("osc-secnum-fr1", "/v1/apps/fresh-app")).body.app;
    assert.deepEqual([app.last_deployment_id, app.status], [done.id, "running"]);
    assert.deepEqual(world.sim.app("osc-secnum-fr1", "fresh-app")!.formation.map((f) => [f.name, f.amount]), [["web", 1], ["clock", 0]]);
    const output = await send("GET", done.links.output, undefined, { authorization: `Bearer ${await world.client.token()}` });
    assert.match(output.text, /Deployment succeeded/);
    const page = (await world.client.get("osc-secnum-fr1", "/v1/apps/fresh-app/deployments?page=1&per_page=1")).body;
    assert.deepEqual(page.meta.pagination, { current_page: 1, prev_page: null, next_page: null, total_pages: 1, total_count: 1, per_page: 1 });
  });

  it("fails the build visibly for an archive without one top folder, a plain tarball, an expired URL or a scripted failure", async () => {
    await createApp(world.client, "osc-secnum-fr1", "fresh-app");
    const twoFolders = writeTarball([{ path: "a/x", content: Buffer.from("1") }, { path: "b/y", content: Buffer.from("2") }]);
    const flat = await deploy(world.client, "osc-secnum-fr1", "fresh-app", twoFolders);
    assert.equal(flat.status, "build-error");
    const notGzip = await deploy(world.client, "osc-secnum-fr1", "fresh-app", Buffer.from("plain text"));
    assert.equal(notGzip.status, "build-error");
    world.sim.failAsync({ kind: "deploy", app: "fresh-app", times: 1, message: "npm ERR! missing script" });
    const scripted = await deploy(world.client, "osc-secnum-fr1", "fresh-app");
    assert.equal(scripted.status, "build-error");
    const output = await send("GET", scripted.links.output, undefined, { authorization: `Bearer ${await world.client.token()}` });
    assert.match(output.text, /npm ERR! missing script/);
    world.sim.setAsyncTimings({ urlTtl: 1 });
    const source = (await world.client.post("osc-secnum-fr1", "/v1/sources", {})).body.source;
    await new Promise((resolve) => setTimeout(resolve, 10));
    assert.equal((await fetch(source.upload_url, { method: "PUT", body: new Uint8Array(codeArchive()) })).status, 403, "an expired upload URL");
    const late = await world.client.post("osc-secnum-fr1", "/v1/apps/fresh-app/deployments", { deployment: { source_url: source.download_url } });
    await until(() => world.sim.app("osc-secnum-fr1", "fresh-app")!.deployments.find((d) => d.id === late.body.deployment.id)!.status, (s) => s === "build-error");
    assert.equal(world.sim.app("osc-secnum-fr1", "fresh-app")!.last_deployment_id, null);
  });

  it("links a fixture repository through an integration, updates, deploys the branch HEAD, unlinks", async () => {
    const none = await world.client.get("osc-fr1", "/v1/apps/git-push-app/scm_repo_link");
    assert.deepEqual([none.status, none.body.resource], [404, "scm_repo_link"]);
    const integrations = (await send("GET", `${world.sim.authUrl}/v1/scm_integrations`, undefined, { authorization: `Bearer ${await world.client.token()}` })).body.scm_integrations;
    const github = integrations.find((i: Json) => i.scm_type === "github");
    await createApp(world.client, "osc-secnum-fr1", "shop-copy");
    const unknown = await world.client.post("osc-secnum-fr1", "/v1/apps/shop-copy/scm_repo_link", { scm_repo_link: { source: "https://github.com/example-org/nope", auth_integration_uuid: github.id } });
    assert.equal(unknown.status, 422);
    const created = await world.client.post("osc-secnum-fr1", "/v1/apps/shop-copy/scm_repo_link", {
      scm_repo_link: { source: "https://github.com/example-org/shop", auth_integration_uuid: github.id, branch: "main", auto_deploy_enabled: true },
    });
    assert.equal(created.status, 201);
    assert.deepEqual([created.body.scm_repo_link.owner, created.body.scm_repo_link.repo, created.body.scm_repo_link.linker.username], ["example-org", "shop", "demo"]);
    const updated = await world.client.patch("osc-secnum-fr1", "/v1/apps/shop-copy/scm_repo_link", { scm_repo_link: { auto_deploy_enabled: false } });
    assert.equal(updated.body.scm_repo_link.auto_deploy_enabled, false);
    const manual = await world.client.post("osc-secnum-fr1", "/v1/apps/shop-copy/scm_repo_link/manual_deploy", { branch: "main" });
    assert.deepEqual([manual.status, manual.body.deployment.git_ref], [200, "3c5e8a1f0b2d4c6e8a0b1c2d3e4f5a6b7c8d9e0f"]);
    assert.equal((await world.client.post("osc-secnum-fr1", "/v1/apps/shop-copy/scm_repo_link/manual_deploy", { branch: "nope" })).status, 422);
    await until(() => world.sim.app("osc-secnum-fr1", "shop-copy")!.deployments[0].status, (s) => s === "success");
    assert.deepEqual(world.sim.app("osc-secnum-fr1", "shop-copy")!.formation.map((f) => f.name), ["web", "worker"]);
    assert.equal((await world.client.delete("osc-secnum-fr1", "/v1/apps/shop-copy/scm_repo_link")).status, 204);
  });
});
