import { ScalingoNotFoundError } from "../../client/errors";
import type { AddonPlan, AddonProvider, ContainerSize, EventType, NotificationPlatform, PublicApi, RegionApi, Stack } from "../../client/public";
import { readOnce } from "./read-once";

/**
 * Catalogue reads by connection: one PublicApi per provider process, so a fleet of migrations
 * in one `pulumi up` reads each region's catalogues once, not once per app (they do not change
 * in the minutes of an `up`, and each read is a request of the account's 60 a minute).
 */
const readsByConnection = new WeakMap<PublicApi, Map<string, Promise<unknown>>>();

/**
 * The two regions' catalogues, read once per connection and mapped by name: ids differ between
 * regions (Scalingo never promised they match; the simulator makes sure they do not).
 */
export class Catalogue {
  private readonly cache: Map<string, Promise<unknown>>;

  constructor(
    api: PublicApi,
    private readonly src: RegionApi,
    private readonly dst: RegionApi,
  ) {
    let reads = readsByConnection.get(api);
    if (!reads) readsByConnection.set(api, (reads = new Map()));
    this.cache = reads;
  }

  /** The destination stack named like the source app's stack, with that name. */
  async stack(srcStackId: string): Promise<{ name: string; dst: Stack | undefined }> {
    const [srcStacks, dstStacks] = await Promise.all([this.once(`${this.src.region}:stacks`, () => this.src.catalogues.stacks()), this.once(`${this.dst.region}:stacks`, () => this.dst.catalogues.stacks())]);
    const name = srcStacks.find((s) => s.id === srcStackId)?.name ?? srcStackId;
    return { name, dst: dstStacks.find((s) => s.name === name) };
  }

  async dstSizes(): Promise<ContainerSize[]> {
    return this.once(`${this.dst.region}:sizes`, () => this.dst.catalogues.containerSizes());
  }

  /** The destination provider and plan for a source addon, by provider and plan name. */
  async plan(providerName: string, planName: string): Promise<{ provider: AddonProvider; plan: AddonPlan } | { missing: "provider" | "plan" }> {
    const providers = await this.once(`${this.dst.region}:providers`, () => this.dst.catalogues.addonProviders());
    const provider = providers.find((p) => p.name === providerName);
    if (!provider) return { missing: "provider" };
    const plans = provider.plans.length ? provider.plans : await this.once(`${this.dst.region}:plans:${provider.id}`, () => this.dst.catalogues.addonPlans(provider.id));
    const plan = plans.find((p) => p.name === planName);
    return plan && !plan.disabled ? { provider, plan } : { missing: "plan" };
  }

  /** A source notification platform's name, and the destination's platform of that name. */
  async platform(srcPlatformId: string): Promise<{ name: string; dst: NotificationPlatform | undefined }> {
    const [srcPlatforms, dstPlatforms] = await Promise.all([
      this.once(`${this.src.region}:platforms`, () => this.src.catalogues.notificationPlatforms()),
      this.once(`${this.dst.region}:platforms`, () => this.dst.catalogues.notificationPlatforms()),
    ]);
    const name = srcPlatforms.find((p) => p.id === srcPlatformId)?.name ?? srcPlatformId;
    return { name, dst: dstPlatforms.find((p) => p.name === name) };
  }

  /**
   * The version a new database of this engine (`postgresql`, …) gets on the destination: its
   * default (`GET /v1/database_types`, then the version by id), as `major.minor.patch`.
   * Undefined when the destination does not say — also when it has no such route: only
   * scalingo.js reads it (go-scalingo v10 and the contract do not), so a 404 is no failure.
   */
  async dstDefaultDatabaseVersion(typeName: string): Promise<string | undefined> {
    const types = await this.once(`${this.dst.region}:database-types`, () =>
      this.dst.catalogues.databaseTypes().catch((error: unknown) => {
        if (error instanceof ScalingoNotFoundError) return [];
        throw error;
      }),
    );
    const versionId = types.find((t) => t.name === typeName)?.defaultVersionId;
    if (!versionId) return undefined;
    const version = await this.once(`${this.dst.region}:database-version:${versionId}`, () => this.dst.catalogues.databaseTypeVersion(versionId));
    return `${version.major}.${version.minor}.${version.patch}`;
  }

  /** Source event type ids as the destination's ids (by name); unknown names are dropped and listed. */
  async eventIds(srcIds: readonly string[]): Promise<{ ids: string[]; missing: string[] }> {
    if (!srcIds.length) return { ids: [], missing: [] };
    const [srcTypes, dstTypes] = await Promise.all([
      this.once<EventType[]>(`${this.src.region}:events`, () => this.src.catalogues.eventTypes()),
      this.once<EventType[]>(`${this.dst.region}:events`, () => this.dst.catalogues.eventTypes()),
    ]);
    const ids: string[] = [];
    const missing: string[] = [];
    for (const id of srcIds) {
      const name = srcTypes.find((t) => t.id === id)?.name ?? id;
      const match = dstTypes.find((t) => t.name === name);
      if (match) ids.push(match.id);
      else missing.push(name);
    }
    return { ids, missing };
  }

  private once<T>(key: string, read: () => Promise<T>): Promise<T> {
    return readOnce(this.cache, key, read);
  }
}
