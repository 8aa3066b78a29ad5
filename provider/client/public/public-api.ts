import type { RequestHints } from "../request-gate";
import type { Region } from "../types";
import { PublicConnection, type CallOptions, type PublicApiOptions } from "./connection";
import { RegionApi } from "./region-api";
import { integrationsSchema, type ScmIntegration } from "./scm";
import { parseAnswer } from "./wire";

/**
 * Scalingo's public API, as the client engine uses it: `region(name)` for one region's
 * families, plus what lives on the auth service. One connection (bearer, addon tokens, the
 * shared request budget) serves every region.
 */
export class PublicApi {
  private readonly connection: PublicConnection;
  private readonly byRegion = new Map<string, RegionApi>();

  constructor(options: PublicApiOptions) {
    this.connection = new PublicConnection(options);
  }

  get authUrl(): string {
    return this.connection.authUrl;
  }

  /** The regions this account may use (a restricted region it may not use is absent). */
  regions(): Promise<Region[]> {
    return this.connection.regions();
  }

  /**
   * The families of one region. An unknown region fails on the first call, listing the known ones.
   * `hints`: what every call through it tells the request budget (one migration's work ahead).
   */
  region(name: string, hints?: () => RequestHints): RegionApi {
    if (hints) return new RegionApi(name, this.connection, hints);
    let api = this.byRegion.get(name);
    if (!api) {
      api = new RegionApi(name, this.connection);
      this.byRegion.set(name, api);
    }
    return api;
  }

  /** The account's SCM integrations (account-wide: the same ids in every region). */
  async scmIntegrations(options?: CallOptions): Promise<ScmIntegration[]> {
    return parseAnswer(integrationsSchema, await this.connection.auth({ method: "GET", path: "/v1/scm_integrations" }, options));
  }
}
