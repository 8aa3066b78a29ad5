import assert from "node:assert/strict";
import { send, simulatorWorld } from "./support/test-client";

describe("simulator: app API", () => {
  const world = simulatorWorld("test");

  it("shows an app by name, with the contract's fields", async () => {
    const answer = await world.client.get("osc-fr1", "/v1/apps/my-app");
    assert.equal(answer.status, 200);
    const { app } = answer.body;
    assert.match(app.id, /^[0-9a-f]{24}$/);
    assert.equal(app.name, "my-app");
    assert.equal(app.region, "osc-fr1");
    assert.equal(app.status, "running");
    assert.equal(app.base_url, "https://my-app.osc-fr1.scalingo.io");
    assert.equal(app.url, "https://my-app.example.com");
    assert.equal(app.git_url, "git@ssh.osc-fr1.scalingo.com:my-app.git");
    assert.equal(app.force_https, true);
    assert.equal(app.sticky_session, false);
    assert.ok(!Number.isNaN(Date.parse(app.created_at)));
  });

  it("shows an app by id, and accepts the bare trailing '?' of Go clients", async () => {
    const byName = await world.client.get("osc-fr1", "/v1/apps/my-app?");
    assert.equal(byName.status, 200);
    const byId = await world.client.get("osc-fr1", `/v1/apps/${byName.body.app.id}?`);
    assert.equal(byId.status, 200);
    assert.equal(byId.body.app.name, "my-app");
  });

  it("answers 404 with the contract's body for an unknown app, or an app of another region", async () => {
    const unknown = await world.client.get("osc-fr1", "/v1/apps/no-such-app");
    assert.equal(unknown.status, 404);
    assert.deepEqual(unknown.body, { resource: "app", error: "not found" });
    const elsewhere = await world.client.get("osc-secnum-fr1", "/v1/apps/my-app");
    assert.equal(elsewhere.status, 404);
  });

  it("lists the caller's apps of the region called", async () => {
    const fr1 = await world.client.get("osc-fr1", "/v1/apps");
    assert.equal(fr1.status, 200);
    const names: string[] = fr1.body.apps.map((a: { name: string }) => a.name);
    assert.ok(names.includes("my-app") && names.includes("fleet-app-50") && names.includes("big-app"));
    // 57 migration fixtures, then shop-app, git-push-app and mysql-app for the public API.
    assert.equal(names.length, 60);
    // taken-name-app on osc-secnum-fr1 belongs to another account.
    const secnum = await world.client.get("osc-secnum-fr1", "/v1/apps");
    assert.deepEqual(secnum.body.apps, []);
    assert.equal(world.sim.app("osc-secnum-fr1", "taken-name-app")?.name, "taken-name-app");
  });

  it("lists domains with ssl, canonical, letsencrypt_enabled and validity", async () => {
    const answer = await world.client.get("osc-fr1", "/v1/apps/my-app/domains?");
    assert.equal(answer.status, 200);
    assert.equal(answer.body.domains.length, 1);
    const [domain] = answer.body.domains;
    assert.equal(domain.name, "my-app.example.com");
    assert.equal(domain.ssl, true);
    assert.equal(domain.canonical, true);
    assert.equal(domain.letsencrypt_enabled, true);
    assert.ok(Date.parse(domain.validity) > Date.now());
  });

  it("updates settings with PATCH and refuses a malformed body with 400", async () => {
    const patched = await world.client.patch("osc-fr1", "/v1/apps/my-app", { app: { force_https: false, sticky_session: true } });
    assert.equal(patched.status, 200);
    assert.equal(patched.body.app.force_https, false);
    assert.equal(patched.body.app.sticky_session, true);
    const bad = await world.client.patch("osc-fr1", "/v1/apps/my-app", { app: { force_https: "yes" } });
    assert.equal(bad.status, 400);
    assert.match(bad.body.error, /force_https/);
  });

  it("deletes an app only when current_name confirms its name", async () => {
    const missing = await world.client.delete("osc-fr1", "/v1/apps/fleet-app-01?");
    assert.equal(missing.status, 422);
    assert.ok(Array.isArray(missing.body.errors.current_name));
    const wrong = await world.client.delete("osc-fr1", "/v1/apps/fleet-app-01?current_name=fleet-app-02");
    assert.equal(wrong.status, 422);
    const ok = await world.client.delete("osc-fr1", "/v1/apps/fleet-app-01?current_name=fleet-app-01");
    assert.equal(ok.status, 204);
    assert.equal(ok.text, "");
    assert.equal((await world.client.get("osc-fr1", "/v1/apps/fleet-app-01")).status, 404);
  });

  it("scales a container type", async () => {
    const answer = await world.client.post("osc-fr1", "/v1/apps/my-app/scale", { containers: [{ name: "web", amount: 3 }] });
    assert.equal(answer.status, 202);
    assert.equal(world.sim.app("osc-fr1", "my-app")?.formation[0].amount, 3);
  });

  it("answers 404 for unknown paths and 405 for a wrong method", async () => {
    assert.equal((await world.client.get("osc-fr1", "/v1/nothing")).status, 404);
    assert.equal((await send("GET", `${world.sim.authUrl}/v1/apps`)).status, 404);
    assert.equal((await send("GET", `${world.sim.authUrl}/osc-xx1/v1/apps`)).status, 404);
    assert.equal((await world.client.post("osc-fr1", "/v1/apps/my-app", {})).status, 405);
  });
});
