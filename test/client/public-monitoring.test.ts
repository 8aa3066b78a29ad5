import * as assert from "node:assert/strict";
import { ScalingoValidationError } from "../../provider/client";
import { Secret } from "../../provider/client/public";
import { deployedApp, everything, publicWorld } from "./support/public-world";

describe("public API client: notifiers, alerts, log drains, autoscalers", function () {
  this.timeout(20_000);
  const world = publicWorld();

  beforeEach(() => deployedApp(world.dst, "shop-app"));

  it("copies a notifier with its platform and events mapped by name; the webhook stays a Secret", async () => {
    const [source] = (await world.src.notifiers.list("shop-app")).filter((n) => n.name === "Ops on Slack");
    assert.ok(source);
    assert.equal(source.type, "slack");
    assert.equal(source.typeData.webhookUrl?.reveal(), "https://hooks.slack.com/services/T0/B0/shop");
    assert.ok(!everything(source).includes("hooks.slack.com"));

    await assert.rejects(world.dst.notifiers.create("shop-app", { platformId: source.platformId, name: source.name }), ScalingoValidationError);

    const [srcPlatforms, dstPlatforms, srcEvents, dstEvents] = await Promise.all([
      world.src.catalogues.notificationPlatforms(),
      world.dst.catalogues.notificationPlatforms(),
      world.src.catalogues.eventTypes(),
      world.dst.catalogues.eventTypes(),
    ]);
    const platformName = srcPlatforms.find((p) => p.id === source.platformId)!.name;
    const eventNames = source.selectedEventIds.map((id) => srcEvents.find((e) => e.id === id)!.name);
    const created = await world.dst.notifiers.create("shop-app", {
      platformId: dstPlatforms.find((p) => p.name === platformName)!.id,
      name: source.name,
      active: source.active,
      sendAllAlerts: source.sendAllAlerts,
      sendAllEvents: source.sendAllEvents,
      selectedEventIds: eventNames.map((name) => dstEvents.find((e) => e.name === name)!.id),
      typeData: { webhookUrl: source.typeData.webhookUrl! },
    });
    assert.equal(created.type, "slack");
    assert.ok(created.typeData.webhookUrl?.equals(source.typeData.webhookUrl!));
    assert.deepEqual(created.selectedEventIds.map((id) => dstEvents.find((e) => e.id === id)!.name), eventNames);

    const renamed = await world.dst.notifiers.update("shop-app", created.id, { active: false });
    assert.equal(renamed.active, false);
    const names = (await world.dst.notifiers.list("shop-app")).map((n) => n.name);
    assert.ok(names.some((n) => n.startsWith("Default")), "a new app has its default notifier");
    await world.dst.notifiers.delete("shop-app", created.id);
    assert.ok(!(await world.dst.notifiers.list("shop-app")).some((n) => n.id === created.id));
  });

  it("tells the autoscaler's alerts apart and copies the others with remapped notifiers", async () => {
    const alerts = await world.src.alerts.list("shop-app");
    const autoscaler = (await world.src.autoscalers.list("shop-app"))[0]!;
    const owned = alerts.filter((a) => a.autoscalerId !== null);
    assert.equal(owned.length, 2);
    assert.ok(owned.every((a) => a.autoscalerId === autoscaler.id && autoscaler.alertIds.includes(a.id)));
    const [mine] = alerts.filter((a) => a.autoscalerId === null);
    assert.deepEqual([mine!.metric, mine!.limit, mine!.remindEvery], ["5XX", 10, "1h0m0s"]);

    const notifier = (await world.dst.notifiers.list("shop-app"))[0]!;
    const copy = await world.dst.alerts.create("shop-app", {
      containerType: mine!.containerType,
      metric: mine!.metric,
      limit: mine!.limit,
      notifierIds: [notifier.id],
      durationBeforeTrigger: mine!.durationBeforeTrigger,
      remindEvery: mine!.remindEvery,
    });
    assert.deepEqual([copy.notifierIds, copy.durationBeforeTrigger, copy.remindEvery], [[notifier.id], mine!.durationBeforeTrigger, "1h0m0s"]);
    assert.equal((await world.dst.alerts.update("shop-app", copy.id, { limit: 20 })).limit, 20);
    await world.dst.alerts.delete("shop-app", copy.id);
    assert.deepEqual(await world.dst.alerts.list("shop-app"), []);
  });

  it("copies app and addon log drains by their encoded URL, and deletes them by it", async () => {
    const [drain] = await world.src.logDrains.list("shop-app");
    assert.match(drain!.url.reveal(), /^datadog:\/\//);
    assert.ok(!everything(drain).includes("dd-token"));
    await world.dst.logDrains.add("shop-app", { type: "datadog", url: drain!.url });
    assert.ok((await world.dst.logDrains.list("shop-app"))[0]!.url.equals(drain!.url));

    const pg = (await world.src.addons.list("shop-app")).find((a) => a.provider.name === "PostgreSQL")!;
    const [addonDrain] = await world.src.logDrains.listForAddon("shop-app", pg.id);
    assert.match(addonDrain!.url.reveal(), /^syslog\+tls:\/\//);
    const providers = await world.dst.catalogues.addonProviders();
    const dstPg = providers.find((p) => p.name === "PostgreSQL")!;
    const dstAddon = (await world.dst.addons.provision("shop-app", { providerId: dstPg.id, planId: dstPg.plans[0]!.id })).addon;
    await world.dst.logDrains.addToAddon("shop-app", dstAddon.id, { type: "syslog", host: "db-logs.example.com", port: "6514" });
    assert.ok((await world.dst.logDrains.listForAddon("shop-app", dstAddon.id))[0]!.url.equals(addonDrain!.url));

    await world.dst.logDrains.delete("shop-app", drain!.url);
    await world.dst.logDrains.deleteFromAddon("shop-app", dstAddon.id, addonDrain!.url);
    assert.deepEqual(await world.dst.logDrains.list("shop-app"), []);
    assert.deepEqual(await world.dst.logDrains.listForAddon("shop-app", dstAddon.id), []);
  });

  it("never lets a drain's token into an error", async () => {
    const token = new Secret("drain-token-0123456789");
    world.sim.setFaults([{ method: "POST", path: "/v1/apps/shop-app/log_drains", status: 422, body: { errors: { token: [`${token.reveal()} is revoked`] } } }]);
    await assert.rejects(world.dst.logDrains.add("shop-app", { type: "logtail", token }), (e: unknown) => {
      assert.ok(e instanceof ScalingoValidationError);
      assert.ok(!everything(e).includes(token.reveal()), everything(e));
      return true;
    });
  });

  it("creates, updates and deletes an autoscaler (its alerts come and go with it)", async () => {
    const source = (await world.src.autoscalers.list("shop-app"))[0]!;
    const created = await world.dst.autoscalers.create("shop-app", {
      containerType: source.containerType,
      minContainers: source.minContainers,
      maxContainers: source.maxContainers,
      metric: source.metric,
      target: source.target,
    });
    assert.deepEqual([created.containerType, created.minContainers, created.maxContainers, created.metric], ["web", 2, 5, "cpu"]);
    assert.equal(created.alertIds.length, 2);
    const updated = await world.dst.autoscalers.update("shop-app", created.id, { maxContainers: 6, disabled: true });
    assert.deepEqual([updated.maxContainers, updated.disabled], [6, true]);
    await world.dst.autoscalers.delete("shop-app", created.id);
    assert.deepEqual(await world.dst.autoscalers.list("shop-app"), []);
    assert.deepEqual(await world.dst.alerts.list("shop-app"), []);
  });
});
