import assert from "node:assert/strict";
import { send, simulatorWorld, type Json } from "./support/test-client";

const CERT = "-----BEGIN CERTIFICATE-----\nMIIBfake\n-----END CERTIFICATE-----\n";
const KEY = "-----BEGIN RSA PRIVATE KEY-----\nMIIEfake\n-----END RSA PRIVATE KEY-----\n";

describe("simulator: public API, domains and collaborators", () => {
  const world = simulatorWorld("test");

  it("keeps a Let's Encrypt domain pending_dns until the admin API points its DNS at the region", async () => {
    const added = await world.client.post("osc-secnum-fr1", "/v1/apps/taken-name-app/domains", { domain: { name: "shop.example.com" } });
    assert.equal(added.status, 404, "another account's app");
    await world.client.post("osc-secnum-fr1", "/v1/apps", { app: { name: "shop-app" } });
    const created = await world.client.post("osc-secnum-fr1", "/v1/apps/shop-app/domains", { domain: { name: "shop.example.com" } });
    assert.equal(created.status, 201, "the same domain may sit on apps of two regions");
    assert.deepEqual([created.body.domain.letsencrypt_status, created.body.domain.ssl], ["pending_dns", false]);
    const dns = await send("POST", `${world.sim.authUrl}/_simulator/dns`, { domain: "shop.example.com", region: "osc-secnum-fr1" });
    assert.equal(dns.status, 200);
    const shown = (await world.client.get("osc-secnum-fr1", `/v1/apps/shop-app/domains/${created.body.domain.id}`)).body.domain;
    assert.deepEqual([shown.letsencrypt_status, shown.ssl, shown.letsencrypt], ["created", true, true]);
    assert.ok(Date.parse(shown.validity) > Date.now() + 80 * 24 * 3600 * 1000);
    assert.equal(world.sim.app("osc-secnum-fr1", "shop-app")!.dns["shop.example.com"], "osc-secnum-fr1");
  });

  it("accepts a PEM-looking certificate, shows only its subject and key description, and removes it with empty values", async () => {
    const created = await world.client.post("osc-fr1", "/v1/apps/git-push-app/domains", { domain: { name: "api.example.org", tlscert: CERT, tlskey: KEY } });
    assert.equal(created.status, 201);
    const d = created.body.domain;
    assert.deepEqual([d.tlscert, d.letsencrypt, d.ssl], ["/CN=api.example.org", false, true]);
    assert.match(d.tlskey, /^RSA private key - \d+ bytes$/);
    assert.ok(!created.text.includes("BEGIN"), "the PEM is never returned");
    const unset = await world.client.patch("osc-fr1", `/v1/apps/git-push-app/domains/${d.id}`, { domain: { tlscert: "", tlskey: "" } });
    assert.deepEqual([unset.body.domain.tlscert, unset.body.domain.letsencrypt_status], [undefined, "pending_dns"]);
    const bad = await world.client.post("osc-fr1", "/v1/apps/git-push-app/domains", { domain: { name: "b.example.org", tlscert: "nope", tlskey: KEY } });
    assert.deepEqual([bad.status, Object.keys(bad.body.errors)], [422, ["tlscert"]]);
  });

  it("keeps one canonical domain per app, refuses a taken name in the region, deletes", async () => {
    const domains = (await world.client.get("osc-fr1", "/v1/apps/shop-app/domains")).body.domains;
    const www = domains.find((d: Json) => d.name === "www.shop.example.com");
    const set = await world.client.patch("osc-fr1", `/v1/apps/shop-app/domains/${www.id}`, { domain: { canonical: true } });
    assert.equal(set.body.domain.canonical, true);
    const after = (await world.client.get("osc-fr1", "/v1/apps/shop-app/domains")).body.domains;
    assert.deepEqual(after.filter((d: Json) => d.canonical).map((d: Json) => d.name), ["www.shop.example.com"]);
    assert.equal((await world.client.get("osc-fr1", "/v1/apps/shop-app")).body.app.url, "https://www.shop.example.com");
    const taken = await world.client.post("osc-fr1", "/v1/apps/mysql-app/domains", { domain: { name: "shop.example.com" } });
    assert.deepEqual([taken.status, taken.body.errors.name], [422, ["has already been taken"]]);
    assert.equal((await world.client.delete("osc-fr1", `/v1/apps/shop-app/domains/${www.id}`)).status, 204);
  });

  it("invites collaborators (pending, with an invitation link), changes their role, removes them", async () => {
    const listed = (await world.client.get("osc-fr1", "/v1/apps/shop-app/collaborators")).body.collaborators;
    assert.deepEqual(listed.map((c: Json) => [c.email, c.status, c.is_limited]), [["carol@example.com", "accepted", true], ["dave@example.com", "pending", false]]);
    const invited = await world.client.post("osc-fr1", "/v1/apps/shop-app/collaborators", { collaborator: { email: "erin@example.com", is_limited: false } });
    assert.equal(invited.status, 201);
    assert.equal(invited.body.collaborator.status, "pending");
    assert.match(invited.body.collaborator.invitation_link, /collaboration\?token=/);
    const role = await world.client.patch("osc-fr1", `/v1/apps/shop-app/collaborators/${invited.body.collaborator.id}`, { collaborator: { is_limited: true } });
    assert.equal(role.body.collaborator.is_limited, true);
    assert.equal((await world.client.post("osc-fr1", "/v1/apps/shop-app/collaborators", { collaborator: { email: "erin@example.com" } })).status, 422);
    assert.equal((await world.client.post("osc-fr1", "/v1/apps/shop-app/collaborators", { collaborator: { email: "demo@example.com" } })).status, 422, "the owner");
    assert.equal((await world.client.delete("osc-fr1", `/v1/apps/shop-app/collaborators/${invited.body.collaborator.id}`)).status, 204);
  });
});
