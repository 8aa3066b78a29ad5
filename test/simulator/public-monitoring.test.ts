import assert from "node:assert/strict";
import { addonOf, createApp } from "./support/public-api";
import { simulatorWorld, type Json } from "./support/test-client";

describe("simulator: public API, notifiers, alerts, log drains and autoscalers", () => {
  const world = simulatorWorld("test");
  const catalogue = async (region: string) => ({
    platforms: (await world.client.get(region, "/v1/notification_platforms")).body.notification_platforms as Json[],
    events: (await world.client.get(region, "/v1/event_types")).body.event_types as Json[],
  });

  it("creates a notifier from this region's platform and event ids, under `notifier` or DEVDOC's `notifiers`", async () => {
    const { platforms, events } = await catalogue("osc-fr1");
    const webhook = platforms.find((p) => p.name === "webhook")!;
    const deployment = events.find((e) => e.name === "deployment")!;
    const body = { platform_id: webhook.id, name: "hook", selected_event_ids: [deployment.id], type_data: { webhook_url: "https://hooks.example.com/x" } };
    const created = await world.client.post("osc-fr1", "/v1/apps/git-push-app/notifiers", { notifier: body });
    assert.equal(created.status, 201);
    assert.deepEqual([created.body.notifier.type, created.body.notifier.platform_id, created.body.notifier.selected_event_ids], ["webhook", webhook.id, [deployment.id]]);
    const doc = await world.client.post("osc-fr1", "/v1/apps/git-push-app/notifiers", { notifiers: { ...body, name: "hook 2" } });
    assert.equal(doc.status, 201);
    const other = await catalogue("osc-secnum-fr1");
    const wrong = await world.client.post("osc-fr1", "/v1/apps/git-push-app/notifiers", { notifier: { ...body, platform_id: other.platforms[0].id } });
    assert.match(wrong.body.errors.platform_id[0], /map them by name/);
    const noUrl = await world.client.post("osc-fr1", "/v1/apps/git-push-app/notifiers", { notifier: { ...body, type_data: {} } });
    assert.equal(noUrl.status, 422);
    const updated = await world.client.patch("osc-fr1", `/v1/apps/git-push-app/notifiers/${created.body.notifier.id}`, { notifier: { active: false, type_data: {} } });
    assert.deepEqual([updated.body.notifier.active, updated.body.notifier.type_data.webhook_url], [false, "https://hooks.example.com/x"]);
    assert.equal((await world.client.delete("osc-fr1", `/v1/apps/git-push-app/notifiers/${created.body.notifier.id}`)).status, 204);
  });

  it("creates alerts on the app's notifiers; remind_every as a duration string or nanoseconds; update unwrapped", async () => {
    const notifier = (await world.client.get("osc-fr1", "/v1/apps/shop-app/notifiers")).body.notifiers[0];
    const created = await world.client.post("osc-fr1", "/v1/apps/shop-app/alerts", {
      alert: { container_type: "worker", metric: "memory", limit: 0.9, notifiers: [notifier.id], remind_every: "30m0s", duration_before_trigger: 60_000_000_000 },
    });
    assert.equal(created.status, 201);
    assert.deepEqual([created.body.alert.remind_every, created.body.alert.notifiers], ["30m0s", [notifier.id]]);
    const updated = await world.client.patch("osc-fr1", `/v1/apps/shop-app/alerts/${created.body.alert.id}`, { remind_every: 7_200_000_000_000, limit: 0.8 });
    assert.deepEqual([updated.body.alert.remind_every, updated.body.alert.limit], ["2h0m0s", 0.8]);
    const unknown = await world.client.post("osc-fr1", "/v1/apps/shop-app/alerts", { alert: { container_type: "web", metric: "cpu", limit: 1, notifiers: ["no-such"] } });
    assert.equal(unknown.status, 422);
    const owned = (await world.client.get("osc-fr1", "/v1/apps/shop-app/alerts")).body.alerts.filter((a: Json) => a.metadata.autoscaler_id);
    assert.equal(owned.length, 2, "the autoscaler's scale-up and scale-down alerts");
    assert.equal((await world.client.delete("osc-fr1", `/v1/apps/shop-app/alerts/${owned[0].id}`)).status, 422);
  });

  it("adds app and addon log drains from fields or a URL, lists encoded URLs only, deletes by URL", async () => {
    const fromFields = await world.client.post("osc-fr1", "/v1/apps/git-push-app/log_drains", { drain: { type: "ovh-graylog", host: "gra.example.com", port: "12202", token: "tok" } });
    assert.deepEqual([fromFields.status, fromFields.body.drain.url], [201, "ovh://:tok@gra.example.com:12202"]);
    const fromUrl = await world.client.post("osc-fr1", "/v1/apps/git-push-app/log_drains", { drain: { type: "elk", url: "https://elk.example.com" } });
    assert.equal(fromUrl.status, 201);
    assert.equal((await world.client.post("osc-fr1", "/v1/apps/git-push-app/log_drains", { drain: { type: "elk", url: "https://elk.example.com" } })).status, 422);
    const listed = (await world.client.get("osc-fr1", "/v1/apps/git-push-app/log_drains")).body.drains;
    assert.deepEqual(Object.keys(listed[0]).sort(), ["app_id", "url"]);
    assert.equal((await world.client.delete("osc-fr1", `/v1/apps/git-push-app/log_drains?url=${encodeURIComponent("https://elk.example.com")}`)).status, 204);
    const pg = await addonOf(world.client, "osc-fr1", "shop-app", "PostgreSQL");
    const addonDrains = (await world.client.get("osc-fr1", `/v1/apps/shop-app/addons/${pg.id}/log_drains`)).body.drains;
    assert.deepEqual(addonDrains.map((d: Json) => d.url), ["syslog+tls://db-logs.example.com:6514"]);
    assert.equal((await world.client.delete("osc-fr1", `/v1/apps/shop-app/addons/${pg.id}/log_drains?url=nope`)).status, 404);
  });

  it("creates an autoscaler (with its two alerts) only on an existing type; updates wrapped or not; deletes with its alerts", async () => {
    await createApp(world.client, "osc-secnum-fr1", "empty-app");
    const early = await world.client.post("osc-secnum-fr1", "/v1/apps/empty-app/autoscalers", { autoscaler: { container_type: "web", metric: "cpu", target: 0.5, min_containers: 1, max_containers: 2 } });
    assert.match(early.body.errors.container_type[0], /deploy it first/);
    const created = await world.client.post("osc-fr1", "/v1/apps/git-push-app/autoscalers", { autoscaler: { container_type: "web", metric: "cpu", target: 0.5, min_containers: 1, max_containers: 3 } });
    assert.equal(created.status, 201);
    const { id, alert_id_scale_up: up, alert_id_scale_down: down } = created.body.autoscaler;
    assert.ok(up && down);
    const unwrapped = await world.client.patch("osc-fr1", `/v1/apps/git-push-app/autoscalers/${id}`, { max_containers: 4 });
    const wrapped = await world.client.put("osc-fr1", `/v1/apps/git-push-app/autoscalers/${id}`, { autoscaler: { disabled: true } });
    assert.deepEqual([unwrapped.body.autoscaler.max_containers, wrapped.body.autoscaler.disabled], [4, true]);
    assert.equal((await world.client.patch("osc-fr1", `/v1/apps/git-push-app/autoscalers/${id}`, { max_containers: 11 })).status, 422);
    assert.equal((await world.client.delete("osc-fr1", `/v1/apps/git-push-app/autoscalers/${id}`)).status, 204);
    const alerts = world.sim.app("osc-fr1", "git-push-app")!.alerts;
    assert.ok(!alerts.some((a) => a.id === up || a.id === down));
  });
});
