import { z } from "zod";
import { seg, type CallOptions } from "./connection";
import { versionSchema, type DatabaseVersion } from "./databases";
import type { RegionChannel } from "./region-channel";
import { count, flag, parseAnswer, text } from "./wire";

/**
 * The region's catalogues. Ids differ per region and names do not (contract §3): a client maps
 * an id read in one region to the other through these lists, by name.
 */

export interface Stack {
  id: string;
  name: string;
  baseImage: string;
  default: boolean;
  deprecatedAt: string | null;
}

export interface ContainerSize {
  id: string;
  name: string;
  humanName: string;
  memory: number;
  ordinal: number;
  sku: string;
}

export interface AddonPlan {
  id: string;
  name: string;
  displayName: string;
  sku: string;
  disabled: boolean;
  hdsAvailable: boolean;
  position: number;
}

export interface AddonProvider {
  id: string;
  name: string;
  hdsAvailable: boolean;
  /** As the providers list embeds them; `plans()` lists them on their own. */
  plans: AddonPlan[];
}

export interface NotificationPlatform {
  id: string;
  name: string;
  displayName: string;
  availableEventIds: string[];
}

export interface EventType {
  id: string;
  name: string;
  displayName: string;
}

/** A database engine of the region (scalingo.js `DatabaseTypes`): its default version is what a new addon gets. */
export interface DatabaseType {
  id: string;
  /** `postgresql`, `mysql`, … (the Database API's `type_name`). */
  name: string;
  defaultVersionId: string | null;
}

const databaseTypesSchema = z
  .object({ database_types: z.array(z.object({ id: z.string(), name: z.string(), default_version_id: z.string().nullish() })) })
  .transform((b) => b.database_types.map((t): DatabaseType => ({ id: t.id, name: t.name, defaultVersionId: t.default_version_id || null })));

const stackSchema = z
  .object({ stacks: z.array(z.object({ id: z.string(), name: z.string(), base_image: text, default: flag, deprecated_at: z.string().nullish() })) })
  .transform((b) => b.stacks.map((s): Stack => ({ id: s.id, name: s.name, baseImage: s.base_image, default: s.default, deprecatedAt: s.deprecated_at ?? null })));

const sizesSchema = z
  .object({
    container_sizes: z.array(z.object({ id: z.string(), name: z.string(), human_name: text, memory: count, ordinal: count, sku: text })),
  })
  .transform((b) =>
    b.container_sizes.map((s): ContainerSize => ({ id: s.id, name: s.name, humanName: s.human_name, memory: s.memory, ordinal: s.ordinal, sku: s.sku })),
  );

const planFields = z
  .object({ id: z.string(), name: z.string(), display_name: text, sku: text, disabled: flag, hds_available: flag, position: count })
  .transform(
    (p): AddonPlan => ({ id: p.id, name: p.name, displayName: p.display_name, sku: p.sku, disabled: p.disabled, hdsAvailable: p.hds_available, position: p.position }),
  );

const providersSchema = z
  .object({ addon_providers: z.array(z.object({ id: z.string(), name: z.string(), hds_available: flag, plans: z.array(planFields).nullish() })) })
  .transform((b) => b.addon_providers.map((p): AddonProvider => ({ id: p.id, name: p.name, hdsAvailable: p.hds_available, plans: p.plans ?? [] })));

const plansSchema = z.object({ plans: z.array(planFields) }).transform((b) => b.plans);

const platformsSchema = z
  .object({
    notification_platforms: z.array(z.object({ id: z.string(), name: z.string(), display_name: text, available_event_ids: z.array(z.string()).nullish() })),
  })
  .transform((b) =>
    b.notification_platforms.map((p): NotificationPlatform => ({ id: p.id, name: p.name, displayName: p.display_name, availableEventIds: p.available_event_ids ?? [] })),
  );

const eventTypesSchema = z
  .object({ event_types: z.array(z.object({ id: z.string(), name: z.string(), display_name: text })) })
  .transform((b) => b.event_types.map((e): EventType => ({ id: e.id, name: e.name, displayName: e.display_name })));

/** Stacks, container sizes, addon providers and plans, notification platforms, event types. */
export class Catalogues {
  constructor(private readonly channel: RegionChannel) {}

  async stacks(options?: CallOptions): Promise<Stack[]> {
    return parseAnswer(stackSchema, await this.channel.call({ method: "GET", path: "/v1/features/stacks" }, options));
  }

  async containerSizes(options?: CallOptions): Promise<ContainerSize[]> {
    return parseAnswer(sizesSchema, await this.channel.call({ method: "GET", path: "/v1/features/container_sizes" }, options));
  }

  async addonProviders(options?: CallOptions): Promise<AddonProvider[]> {
    return parseAnswer(providersSchema, await this.channel.call({ method: "GET", path: "/v1/addon_providers" }, options));
  }

  /** Every plan of a provider (`show_all`: disabled and private plans too, to say why one is missing). */
  async addonPlans(providerId: string, options?: CallOptions): Promise<AddonPlan[]> {
    const path = `/v1/addon_providers/${seg(providerId)}/plans`;
    return parseAnswer(plansSchema, await this.channel.call({ method: "GET", path, query: { show_all: "true" } }, options));
  }

  async notificationPlatforms(options?: CallOptions): Promise<NotificationPlatform[]> {
    return parseAnswer(platformsSchema, await this.channel.call({ method: "GET", path: "/v1/notification_platforms" }, options));
  }

  /** The region's database engines (regional API, scalingo.js `listDatabaseTypes`; not in go-scalingo v10). */
  async databaseTypes(options?: CallOptions): Promise<DatabaseType[]> {
    return parseAnswer(databaseTypesSchema, await this.channel.call({ method: "GET", path: "/v1/database_types" }, options));
  }

  /** One version of a database engine, by this region's id (scalingo.js `getDatabaseTypeVersion`). */
  async databaseTypeVersion(versionId: string, options?: CallOptions): Promise<DatabaseVersion> {
    return parseAnswer(versionSchema, await this.channel.call({ method: "GET", path: `/v1/database_type_versions/${seg(versionId)}` }, options));
  }

  async eventTypes(options?: CallOptions): Promise<EventType[]> {
    return parseAnswer(eventTypesSchema, await this.channel.call({ method: "GET", path: "/v1/event_types" }, options));
  }
}
