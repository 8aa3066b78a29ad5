import { z } from "zod";
import { seg, type CallOptions } from "./connection";
import type { RegionChannel } from "./region-channel";
import { parseAnswer, text } from "./wire";

export type AddonStatus = "provisioning" | "running" | "suspended" | "error" | (string & {});

/** An addon of an app (contract §2.9): no version here, the Database API has it. */
export interface Addon {
  id: string;
  resourceId: string;
  status: AddonStatus;
  /** This region's plan: map it by `name`. */
  plan: { id: string; name: string; displayName: string; sku: string };
  /** This region's provider: map it by `name` (e.g. `PostgreSQL`). */
  provider: { id: string; name: string };
  provisionedAt: string | null;
}

export interface ProvisionSpec {
  providerId: string;
  planId: string;
  options?: Record<string, unknown>;
}

export interface ProvisionedAddon {
  /** `provisioning` at first: poll `show` until `running`. */
  addon: Addon;
  message: string;
  /** The names of the variables the addon injects into the app (never their values). */
  variables: string[];
}

const addonFields = z
  .object({
    id: z.string(),
    resource_id: text,
    status: z.string(),
    plan: z.object({ id: z.string(), name: z.string(), display_name: text, sku: text }),
    addon_provider: z.object({ id: z.string(), name: z.string() }),
    provisioned_at: z.string().nullish(),
  })
  .transform(
    (a): Addon => ({
      id: a.id,
      resourceId: a.resource_id,
      status: a.status,
      plan: { id: a.plan.id, name: a.plan.name, displayName: a.plan.display_name, sku: a.plan.sku },
      provider: a.addon_provider,
      provisionedAt: a.provisioned_at ?? null,
    }),
  );
const listSchema = z.object({ addons: z.array(addonFields) }).transform((b) => b.addons);
const addonSchema = z.object({ addon: addonFields }).transform((b) => b.addon);
const provisionedSchema = z
  .object({ addon: addonFields, message: text, variables: z.array(z.string()).nullish() })
  .transform((b): ProvisionedAddon => ({ addon: b.addon, message: b.message, variables: b.variables ?? [] }));

/** Addons: list, show (poll it after provisioning), provision, change plan, delete. */
export class Addons {
  constructor(private readonly channel: RegionChannel) {}

  async list(app: string, options?: CallOptions): Promise<Addon[]> {
    return parseAnswer(listSchema, await this.channel.call({ method: "GET", path: `/v1/apps/${seg(app)}/addons` }, options));
  }

  async show(app: string, addonId: string, options?: CallOptions): Promise<Addon> {
    return parseAnswer(addonSchema, await this.channel.call({ method: "GET", path: `/v1/apps/${seg(app)}/addons/${seg(addonId)}` }, options));
  }

  /** Asynchronous: the addon comes back `provisioning`; poll `show` until `running` (or `error`). */
  async provision(app: string, spec: ProvisionSpec, options?: CallOptions): Promise<ProvisionedAddon> {
    const body = { addon: { addon_provider_id: spec.providerId, plan_id: spec.planId, ...(spec.options ? { options: spec.options } : {}) } };
    return parseAnswer(provisionedSchema, await this.channel.call({ method: "POST", path: `/v1/apps/${seg(app)}/addons`, body }, options));
  }

  async changePlan(app: string, addonId: string, planId: string, options?: CallOptions): Promise<Addon> {
    const body = { addon: { plan_id: planId } };
    return parseAnswer(addonSchema, await this.channel.call({ method: "PATCH", path: `/v1/apps/${seg(app)}/addons/${seg(addonId)}`, body }, options));
  }

  async delete(app: string, addonId: string, options?: CallOptions): Promise<void> {
    await this.channel.call({ method: "DELETE", path: `/v1/apps/${seg(app)}/addons/${seg(addonId)}` }, options);
  }
}
