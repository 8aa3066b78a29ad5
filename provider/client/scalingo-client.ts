import {
  ScalingoAuthError,
  ScalingoConfigError,
  ScalingoHttpError,
  ScalingoNetworkError,
  ScalingoNotFoundError,
  ScalingoResponseError,
  type RequestDescription,
} from "./errors";
import { HttpTransport, type HttpRequest, type TransportOptions } from "./http-transport";
import { RegionDirectory } from "./region-directory";
import type { RequestGate, RequestHints, RequestPriority } from "./request-gate";
import { appSchema, createdMigrationSchema, domainsSchema, migrationListSchema, regionMigrationSchema } from "./schemas";
import { TokenSource } from "./token-source";
import type { App, Domain, MigrationStatus, MigrationStepName, Region, RegionMigration } from "./types";
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
  /** How many times a POST whose outcome is unknown may be sent again after reconciling. */
  postResends?: number;
}

export interface CreateMigrationSpec {
  destination: string;
  /** Empty: same name as the source app. */
  dstAppName: string;
}

const FINAL_STATUSES: readonly MigrationStatus[] = ["done", "aborted", "preflight-error"];

/**
 * Scalingo's auth service and region APIs, as far as a region migration needs them. Every
 * call names the region whose API it goes to; region migrations live on the SOURCE region.
 */
export class ScalingoClient {
  readonly authUrl: string;
  private readonly transport: HttpTransport;
  private readonly tokens: TokenSource;
  private readonly regionDirectory: RegionDirectory;
  private readonly postResends: number;

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
    this.postResends = options.postResends ?? 3;
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
    const response = await this.regionCall(region, { method: "GET", path, priority, migrationEndpoint: true, hints }, app, id);
    return this.parse(regionMigrationSchema, response, "GET", path, region);
  }

  async listMigrations(region: string, app: string, hints: RequestHints = {}): Promise<RegionMigration[]> {
    const path = `/v1/apps/${seg(app)}/region_migrations`;
    const response = await this.regionCall(region, { method: "GET", path, priority: "read", migrationEndpoint: true, hints }, app);
    return this.parse(migrationListSchema, response, "GET", path, region);
  }

  /**
   * Creates a migration. When the answer is lost (network error, 5xx), the server may have
   * created it anyway: read the app's migrations and take the one that appeared before
   * sending again.
   */
  async createMigration(region: string, app: string, spec: CreateMigrationSpec, knownIds?: string[], hints: RequestHints = {}): Promise<RegionMigration> {
    const path = `/v1/apps/${seg(app)}/region_migrations`;
    const body = { migration: { destination: spec.destination, dst_app_name: spec.dstAppName } };
    const known = new Set(knownIds ?? (await this.listMigrations(region, app, hints)).map((m) => m.id));
    for (let resend = 0; ; resend++) {
      try {
        const response = await this.regionCall(region, { method: "POST", path, body, priority: "write", migrationEndpoint: true, hints }, app);
        return this.parse(createdMigrationSchema, response, "POST", path, region);
      } catch (error) {
        if (!outcomeUnknown(error) || resend >= this.postResends) throw error;
        const appeared = (await this.listMigrations(region, app, hints)).find(
          (m) => !known.has(m.id) && m.destination === spec.destination && !FINAL_STATUSES.includes(m.status),
        );
        if (appeared) return appeared;
      }
    }
  }

  /**
   * Runs a step. `observed` is the migration as the caller saw it before asking: every run
   * appends sub-steps (and most move the status), which is how a lost answer is reconciled
   * without sending the step twice.
   */
  async runMigrationStep(
    region: string,
    app: string,
    id: string,
    step: MigrationStepName,
    observed: Pick<RegionMigration, "status" | "steps">,
    hints: RequestHints = {},
  ): Promise<void> {
    const path = `/v1/apps/${seg(app)}/region_migrations/${seg(id)}/run`;
    for (let resend = 0; ; resend++) {
      try {
        await this.regionCall(region, { method: "POST", path, body: { step }, priority: "write", migrationEndpoint: true, hints }, app, id);
        return;
      } catch (error) {
        const unknown = outcomeUnknown(error);
        const refusedAfterResend = resend > 0 && error instanceof ScalingoHttpError && error.status === 422;
        if (!(unknown || refusedAfterResend) || resend >= this.postResends) throw error;
        const current = await this.getMigration(region, app, id, "write", hints);
        if (current.status !== observed.status || current.steps.length > observed.steps.length) return;
        if (refusedAfterResend) throw error;
      }
    }
  }

  private bearer() {
    return { kind: "bearer" as const, token: () => this.tokens.bearer() };
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

/** The POST may or may not have been acted on: only reading the server can tell. */
function outcomeUnknown(error: unknown): boolean {
  if (error instanceof ScalingoNetworkError) return !error.surelyNotSent;
  return error instanceof ScalingoHttpError && error.status >= 500;
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
