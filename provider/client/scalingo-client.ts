import {
  RegionMigrationUnsupportedError,
  ScalingoAuthError,
  ScalingoConfigError,
  ScalingoHttpError,
  ScalingoNotFoundError,
  ScalingoResponseError,
  type RequestDescription,
} from "./errors";
import { HttpTransport, type HttpRequest, type TransportOptions } from "./http-transport";
import { RegionDirectory } from "./region-directory";
import type { RequestGate, RequestHints, RequestPriority } from "./request-gate";
import { appSchema, createdMigrationSchema, domainsSchema, migrationListSchema, regionMigrationSchema } from "./schemas";
import { TokenSource } from "./token-source";
import type { App, Domain, MigrationStepName, Region, RegionMigration } from "./types";
import { userAgent } from "./user-agent";
import type { z } from "zod";

export const DEFAULT_AUTH_URL = "https://auth.scalingo.com";

export interface ScalingoClientOptions {
  apiToken: string;
  authUrl?: string;
  gate?: RequestGate;
  timeoutMs?: number;
  retries?: number;
  retryBaseDelayMs?: number;
}

export interface CreateMigrationSpec {
  destination: string;
  /** Empty: same name as the source app. */
  dstAppName: string;
}

/**
 * Scalingo's auth service and region APIs, as far as a region migration needs them. Every
 * call names the region whose API it goes to; region migrations live on the SOURCE region.
 * Each call is one request (retried by the transport when that is safe): a POST whose answer
 * was lost surfaces as an error that `postOutcomeUnknown` recognizes, for the caller to
 * reconcile by reading.
 */
export class ScalingoClient {
  readonly authUrl: string;
  private readonly transport: HttpTransport;
  private readonly tokens: TokenSource;
  private readonly regionDirectory: RegionDirectory;

  constructor(options: ScalingoClientOptions) {
    this.authUrl = (options.authUrl ?? DEFAULT_AUTH_URL).replace(/\/+$/, "");
    const transportOptions: TransportOptions = {
      userAgent: userAgent(),
      gate: options.gate,
      timeoutMs: options.timeoutMs,
      retries: options.retries,
      retryBaseDelayMs: options.retryBaseDelayMs,
    };
    this.transport = new HttpTransport(transportOptions);
    this.regionDirectory = new RegionDirectory(this.authUrl, this.transport, this.bearer());
    this.tokens = new TokenSource(options.apiToken, this.authUrl, this.transport);
  }

  regions(): Promise<Region[]> {
    return this.regionDirectory.list();
  }

  /** Fails with a ScalingoConfigError listing the known regions when `region` is unknown. */
  async requireRegion(region: string, setting: string): Promise<void> {
    await this.regionDirectory.apiUrl(region, setting);
  }

  async getApp(region: string, app: string, hints: RequestHints = {}): Promise<App> {
    const response = await this.regionCall(region, { method: "GET", path: `/v1/apps/${seg(app)}`, priority: "read", hints }, app);
    return this.parse(appSchema, response, "GET", `/v1/apps/${seg(app)}`, region);
  }

  async listDomains(region: string, app: string, hints: RequestHints = {}): Promise<Domain[]> {
    const path = `/v1/apps/${seg(app)}/domains`;
    const response = await this.regionCall(region, { method: "GET", path, priority: "read", hints }, app);
    return this.parse(domainsSchema, response, "GET", path, region);
  }

  async deleteApp(region: string, app: string): Promise<void> {
    await this.regionCall(region, { method: "DELETE", path: `/v1/apps/${seg(app)}`, query: { current_name: app }, priority: "write" }, app);
  }

  async getMigration(region: string, app: string, id: string, priority: RequestPriority = "poll", hints: RequestHints = {}): Promise<RegionMigration> {
    const path = `/v1/apps/${seg(app)}/region_migrations/${seg(id)}`;
    const response = await this.migrationCall(region, { method: "GET", path, priority, hints }, app, id);
    return this.parse(regionMigrationSchema, response, "GET", path, region);
  }

  /** The migration, or undefined when the region says it has no such migration of this app. */
  async findMigration(region: string, app: string, id: string, priority: RequestPriority = "read", hints: RequestHints = {}): Promise<RegionMigration | undefined> {
    try {
      return await this.getMigration(region, app, id, priority, hints);
    } catch (error) {
      if (error instanceof ScalingoNotFoundError && error.resource === "region_migration") return undefined;
      throw error;
    }
  }

  async listMigrations(region: string, app: string, hints: RequestHints = {}): Promise<RegionMigration[]> {
    const path = `/v1/apps/${seg(app)}/region_migrations`;
    const response = await this.migrationCall(region, { method: "GET", path, priority: "read", hints }, app);
    return this.parse(migrationListSchema, response, "GET", path, region);
  }

  async createMigration(region: string, app: string, spec: CreateMigrationSpec, hints: RequestHints = {}): Promise<RegionMigration> {
    const path = `/v1/apps/${seg(app)}/region_migrations`;
    const body = { migration: { destination: spec.destination, dst_app_name: spec.dstAppName } };
    const response = await this.migrationCall(region, { method: "POST", path, body, priority: "write", hints }, app);
    return this.parse(createdMigrationSchema, response, "POST", path, region);
  }

  async runMigrationStep(region: string, app: string, id: string, step: MigrationStepName, hints: RequestHints = {}): Promise<void> {
    const path = `/v1/apps/${seg(app)}/region_migrations/${seg(id)}/run`;
    await this.migrationCall(region, { method: "POST", path, body: { step }, priority: "write", hints }, app, id);
  }

  private bearer() {
    return { kind: "bearer" as const, token: () => this.tokens.bearer() };
  }

  /**
   * A call to a region-migration endpoint. A 410, or a 404 that names no missing resource,
   * means the region does not offer the API at all (Scalingo retired it in April 2025).
   */
  private async migrationCall(region: string, request: Omit<HttpRequest, "baseUrl" | "credentials" | "region">, app: string, migrationId?: string) {
    try {
      return await this.regionCall(region, request, app, migrationId);
    } catch (error) {
      if (error instanceof ScalingoHttpError && (error.status === 410 || (error.status === 404 && error.resource === undefined))) {
        throw new RegionMigrationUnsupportedError(error);
      }
      throw error;
    }
  }

  /** A call to a region's API; a refused bearer is exchanged again once. */
  private async regionCall(
    region: string,
    request: Omit<HttpRequest, "baseUrl" | "credentials" | "region">,
    app: string,
    migrationId?: string,
  ) {
    const baseUrl = await this.regionDirectory.apiUrl(region);
    const send = () => this.transport.send({ ...request, baseUrl, region, credentials: this.bearer() });
    try {
      try {
        return await send();
      } catch (error) {
        // A bearer refused by a region (expired early, revoked): exchange again, once. A
        // refused API token (401 from the auth service itself) is final.
        if (!(error instanceof ScalingoAuthError) || !error.request.region) throw error;
        this.tokens.invalidate();
        return await send();
      }
    } catch (error) {
      throw explainNotFound(error, region, app, migrationId);
    }
  }

  private parse<T>(schema: z.ZodType<T>, response: { status: number; body: unknown }, method: string, path: string, region: string): T {
    const result = schema.safeParse(response.body);
    if (result.success) return result.data;
    const issue = result.error.issues[0];
    const at = issue?.path.length ? ` at ${issue.path.join(".")}` : "";
    throw new ScalingoResponseError({ method, path, region }, response.status, `${issue?.message ?? "invalid"}${at}`);
  }
}

/** Reads the token and endpoints the way Scalingo's own tools do. */
export function scalingoClientFromEnvironment(
  env: NodeJS.ProcessEnv = process.env,
  overrides: Partial<ScalingoClientOptions> = {},
): ScalingoClient {
  const apiToken = overrides.apiToken ?? env.SCALINGO_API_TOKEN;
  if (!apiToken) {
    throw new ScalingoConfigError(
      "SCALINGO_API_TOKEN",
      "No Scalingo API token: set the SCALINGO_API_TOKEN environment variable, or the secret stack config `pulumi config set --secret scalingo:apiToken <token>`",
      "missing_token",
    );
  }
  return new ScalingoClient({ ...overrides, apiToken, authUrl: overrides.authUrl ?? (env.SCALINGO_AUTH_URL || undefined) });
}

function explainNotFound(error: unknown, region: string, app: string, migrationId?: string): unknown {
  if (!(error instanceof ScalingoNotFoundError)) return error;
  const request: RequestDescription = error.request;
  const init = { status: error.status, request, serverMessage: error.serverMessage, resource: error.resource };
  if (error.resource === "app") {
    return new ScalingoNotFoundError({ ...init, message: `app '${app}' was not found in region ${region}` });
  }
  if (error.resource === "region_migration" && migrationId) {
    return new ScalingoNotFoundError({
      ...init,
      message: `region migration '${migrationId}' of app '${app}' was not found in region ${region}`,
    });
  }
  return error;
}

/** Path segment: names and ids are user input. */
function seg(value: string): string {
  return encodeURIComponent(value);
}
