import * as assert from "node:assert/strict";
import { ScalingoValidationError } from "../../provider/client";
import { Secret } from "../../provider/client/public";
import { everything, publicWorld } from "./support/public-world";

const KEY_BODY = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7bogus0key0line";
const KEY = `-----BEGIN PRIVATE KEY-----\n${KEY_BODY}\n-----END PRIVATE KEY-----\n`;
const CERT = "-----BEGIN CERTIFICATE-----\nMIIDdzCCAl+gAwIBAgIEbogusCertificateLine0000\n-----END CERTIFICATE-----\n";

describe("public API client: domains and collaborators", function () {
  this.timeout(20_000);
  const world = publicWorld();

  beforeEach(() => world.dst.apps.create({ name: "shop-app" }));

  it("lists domains: Let's Encrypt and canonical, or an uploaded certificate's subject only", async () => {
    const domains = await world.src.domains.list("shop-app");
    const shop = domains.find((d) => d.name === "shop.example.com")!;
    assert.deepEqual([shop.canonical, shop.letsencryptEnabled, shop.certificate], [true, true, null]);
    const www = domains.find((d) => d.name === "www.shop.example.com")!;
    assert.equal(www.letsencryptEnabled, false);
    assert.ok(www.certificate?.keyDescription, "the key is described, never given");
  });

  it("adds a Let's Encrypt domain (pending DNS), one with a certificate, sets the canonical one, deletes", async () => {
    const added = await world.dst.domains.add("shop-app", { name: "shop.example.com" });
    assert.equal(added.letsencryptStatus, "pending_dns");
    const www = await world.dst.domains.add("shop-app", { name: "www.shop.example.com", letsencryptEnabled: false, tlsCert: CERT, tlsKey: new Secret(KEY) });
    assert.match(www.certificate?.keyDescription ?? "", /private key - \d+ bytes/);
    const canonical = await world.dst.domains.setCanonical("shop-app", added.id);
    assert.equal(canonical.canonical, true);
    assert.deepEqual(
      world.sim.app("osc-secnum-fr1", "shop-app")!.domains.map((d) => [d.name, d.canonical]),
      [
        ["shop.example.com", true],
        ["www.shop.example.com", false],
      ],
    );
    const removed = await world.dst.domains.update("shop-app", www.id, { tlsCert: "", tlsKey: "" });
    assert.equal(removed.certificate, null);
    await world.dst.domains.delete("shop-app", www.id);
    assert.deepEqual((await world.dst.domains.list("shop-app")).map((d) => d.name), ["shop.example.com"]);
  });

  it("never lets a certificate key into an error, even when the server quotes a line of it", async () => {
    await assert.rejects(world.dst.domains.add("shop-app", { name: "bad.example.com", tlsCert: CERT, tlsKey: "not a key" }), (e: unknown) => {
      assert.ok(e instanceof ScalingoValidationError);
      assert.ok(e.fieldErrors.tlskey?.length);
      return true;
    });
    world.sim.setFaults([{ method: "POST", path: "/v1/apps/shop-app/domains", status: 422, body: { errors: { tlskey: [`unexpected line ${KEY_BODY}`] } } }]);
    await assert.rejects(world.dst.domains.add("shop-app", { name: "bad.example.com", tlsCert: CERT, tlsKey: new Secret(KEY) }), (e: unknown) => {
      assert.ok(e instanceof ScalingoValidationError);
      assert.equal(e.request.path, "/v1/apps/shop-app/domains");
      assert.deepEqual(e.fieldErrors.tlskey, ["unexpected line [redacted]"]);
      assert.ok(!everything(e).includes(KEY_BODY), everything(e));
      return true;
    });
  });

  it("lists collaborators (not the owner), invites with the same role, changes it, removes one", async () => {
    const source = await world.src.collaborators.list("shop-app");
    assert.deepEqual(source.map((c) => [c.email, c.status, c.isLimited]), [
      ["carol@example.com", "accepted", true],
      ["dave@example.com", "pending", false],
    ]);
    const invited = await world.dst.collaborators.invite("shop-app", "carol@example.com", true);
    assert.deepEqual([invited.email, invited.status, invited.isLimited], ["carol@example.com", "pending", true]);
    assert.ok(!everything(invited).includes("token="), "the invitation link is not kept");
    const full = await world.dst.collaborators.setLimited("shop-app", invited.id, false);
    assert.equal(full.isLimited, false);
    await world.dst.collaborators.delete("shop-app", invited.id);
    assert.deepEqual(await world.dst.collaborators.list("shop-app"), []);
  });
});
