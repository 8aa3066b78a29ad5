import { addonKind, addonProviderIds } from "../addon-catalog";
import { regionalId } from "../ids";

/**
 * Addon providers and plans as `GET /v1/addon_providers` shows them: the same names in every
 * region, region-specific ids and SKUs, so a client must map them by name.
 */

export function providerId(region: string, provider: string): string {
  return regionalId("ap", region, provider);
}

export function planId(region: string, plan: string): string {
  return regionalId("pl", region, plan);
}

/** The provider (catalogue key) whose regional id or key this is. */
export function providerForId(region: string, id: string): string | undefined {
  return addonProviderIds().find((p) => providerId(region, p) === id);
}

export function planForId(region: string, provider: string, id: string): string | undefined {
  return addonKind(provider).plans.find((p) => planId(region, p) === id);
}

export function planJson(region: string, provider: string, plan: string) {
  const plans = addonKind(provider).plans;
  const position = plans.indexOf(plan);
  return {
    id: planId(region, plan),
    name: plan,
    display_name: plan.replace(`${provider}-`, "").replace(/-/g, " "),
    description: `${addonKind(provider).displayName} ${plan}`,
    position: position < 0 ? plans.length : position,
    on_demand: false,
    disabled: false,
    disabled_alternative_plan_id: "",
    sku: `${region}-${plan}`,
    hds_available: !plan.endsWith("sandbox"),
    to_be_discontinued: false,
    trial_available: plan.endsWith("sandbox"),
  };
}

export function providerJson(region: string, provider: string) {
  const kind = addonKind(provider);
  return {
    id: providerId(region, provider),
    name: kind.displayName,
    logo_url: `https://cdn.scalingo.com/addons/${provider}.png`,
    short_description: `${kind.displayName} by Scalingo`,
    description: `${kind.displayName} by Scalingo`,
    category: { id: regionalId("cat", region, kind.isDatabase ? "databases" : "network"), name: kind.isDatabase ? "Databases" : "Network", description: "", position: 1 },
    provider_name: "Scalingo",
    provider_url: "https://scalingo.com",
    hds_available: kind.isDatabase,
  };
}

export function providersJson(region: string) {
  return addonProviderIds().map((p) => ({ ...providerJson(region, p), plans: addonKind(p).plans.map((plan) => planJson(region, p, plan)) }));
}
