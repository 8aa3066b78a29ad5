import { ScalingoConfigError, ScalingoResponseError } from "./errors";
import type { Credentials, HttpTransport } from "./http-transport";
import { regionsSchema } from "./schemas";
import type { Region } from "./types";
import { requireSafeUrl, requireSameOwner } from "./url-safety";

/**
 * The regions an account can use, as the auth service lists them. Read once per directory,
 * and a client (one API token, one auth service) has one: another account's list is never
 * served from it, and region API addresses do not move while a program runs. A failed read is
 * not kept: the next call asks again.
 */
export class RegionDirectory {
  private readonly authUrl: URL;
  private regions?: Promise<Region[]>;

  constructor(
    authUrl: string,
    private readonly transport: HttpTransport,
    private readonly credentials: Credentials,
  ) {
    this.authUrl = requireSafeUrl(authUrl, "SCALINGO_AUTH_URL");
  }

  list(): Promise<Region[]> {
    if (!this.regions) {
      const regions = this.fetch();
      this.regions = regions;
      regions.catch(() => {
        if (this.regions === regions) this.regions = undefined;
      });
    }
    return this.regions;
  }

  /** The API base URL of `name`; an unknown name is an error listing the known ones. */
  async apiUrl(name: string, setting = "region"): Promise<string> {
    const regions = await this.list();
    const region = regions.find((r) => r.name === name);
    if (!region) {
      throw new ScalingoConfigError(
        setting,
        `${setting} '${name}' is not a region this account can use; known regions: ${regions.map((r) => r.name).join(", ")}`,
        "unknown_region",
      );
    }
    return region.api;
  }

  /**
   * The Database API base URL of `name`. Checked here, not with the region list: only the
   * public-API engine sends credentials (addon tokens) there.
   */
  async databaseApiUrl(name: string, setting = "region"): Promise<string> {
    await this.apiUrl(name, setting);
    const region = (await this.list()).find((r) => r.name === name);
    const where = `the Database API URL of region ${name}`;
    if (!region?.databaseApi) throw new ScalingoConfigError(setting, `the auth service lists no Database API for region ${name}`, "no_database_api");
    requireSameOwner(this.authUrl, requireSafeUrl(region.databaseApi, where), where);
    return region.databaseApi;
  }

  private async fetch(): Promise<Region[]> {
    const request = { method: "GET" as const, path: "/v1/regions" };
    const response = await this.transport.send({
      ...request,
      baseUrl: this.authUrl.href,
      credentials: this.credentials,
      priority: "read",
    });
    const parsed = regionsSchema.safeParse(response.body);
    if (!parsed.success) throw new ScalingoResponseError(request, response.status, parsed.error.issues[0]?.message ?? "invalid region list");
    for (const region of parsed.data) {
      const api = requireSafeUrl(region.api, `the API URL of region ${region.name}`);
      requireSameOwner(this.authUrl, api, `the API URL of region ${region.name}`);
    }
    return parsed.data;
  }
}
