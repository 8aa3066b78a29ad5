import { InvalidError, NotFoundError } from "../../domain-errors";
import { requireWritable } from "../app-operations";
import { addonKind } from "../addon-catalog";
import { defaultVersionIn } from "../catalog/database-types";
import { addonVariables } from "../addon-identity";
import { newAddon } from "../app-factory";
import { prefixedId } from "../ids";
import type { Addon, App } from "../types";
import { recordEvent } from "./app-activity";
import { isoAt, type PublicContext } from "./context";

/** Addons (§2.9): provisioning is asynchronous (`provisioning` → `running`), variables at once. */

export function addonById(app: App, id: string): Addon {
  const addon = app.addons.find((a) => a.id === id);
  if (!addon) throw new NotFoundError("addon");
  return addon;
}

/** `provider` and `plan` are catalogue keys, already mapped from the region's ids. */
export function provisionAddon(ctx: PublicContext, app: App, provider: string, plan: string, userId: string): { addon: Addon; variables: string[] } {
  requireWritable(app);
  if (app.addons.some((a) => a.providerId === provider)) {
    throw new InvalidError("addon_provider_id", `the app already has a ${addonKind(provider).displayName} addon`);
  }
  const now = ctx.now();
  const addon = newAddon(app, {
    id: prefixedId("ad"),
    providerId: provider,
    plan,
    version: defaultVersionIn(ctx.world.region(app.region), provider),
    provisionedAt: isoAt(now),
    status: "provisioning",
    passwordSeed: prefixedId("pw"),
  });
  app.addons.push(addon);
  const fail = ctx.failures.take("addon", app);
  ctx.world.schedule(now + ctx.timings.get().addon, { kind: "addon-ready", appId: app.id, addonId: addon.id, fail });
  recordEvent(app, "new_addon", userId, { addon_provider_name: addonKind(provider).displayName, plan_name: plan, resource_id: addon.resourceId }, now);
  return { addon, variables: Object.keys(addonVariables(app.region, addon)) };
}

export function changePlan(app: App, addon: Addon, plan: string, userId: string): Addon {
  requireWritable(app);
  const old = addon.plan;
  addon.plan = plan;
  recordEvent(app, "upgrade_addon", userId, { addon_provider_name: addonKind(addon.providerId).displayName, old_plan_name: old, new_plan_name: plan });
  return addon;
}

/** Deletes the addon and the variables it injected (those still holding its value). */
export function deleteAddon(app: App, addon: Addon, userId: string): void {
  requireWritable(app);
  for (const [name, value] of Object.entries(addonVariables(app.region, addon))) {
    if (app.env[name] === value) delete app.env[name];
  }
  app.addons = app.addons.filter((a) => a !== addon);
  recordEvent(app, "delete_addon", userId, { addon_provider_name: addonKind(addon.providerId).displayName, resource_id: addon.resourceId });
}
