import { ScalingoAuthError, ScalingoConfigError, ScalingoNotFoundError, type RequestDescription } from "../errors";
import { HttpTransport, type Credentials, type HttpRequest, type HttpResponse } from "../http-transport";
import { RegionDirectory } from "../region-directory";
import type { RequestHints, RequestPriority } from "../request-gate";
import { TokenSource } from "../token-source";
import type { Region } from "../types";
import { isLoopbackHost, requireSafeUrl } from "../url-safety";
import { DEFAULT_AUTH_URL, type ScalingoClientOptions } from "../scalingo-client";
import { userAgent } from "../user-agent";
import { AddonTokens } from "./addon-tokens";
import { addonTokenSchema, parseAnswer } from "./wire";
import type { Secret } from "./secret";

/** ScalingoClient's options (pass the same `gate`: one budget for both engines), and a few of its own. */
export interface PublicApiOptions extends Pick<ScalingoClientOptions, "apiToken" | "authUrl" | "gate" | "timeoutMs" | "retries" | "retryBaseDelayMs"> {
  /** Per-attempt timeout of transfers to pre-signed URLs (archive uploads, logs). Default 10 min. */
  transferTimeoutMs?: number;
  /**
   * Database API base URL per region, instead of the regions list's `database_api`. Scalingo's
   * dashboard moved these paths to `api.<region>` in 2026 while its docs still name
   * `db-api.<region>`: this keeps the host a setting.
   */
  databaseApiUrls?: Readonly<Record<string, string>>;
  now?: () => number;
}

/** What a caller can say about one request to the shared budget. */
export interface CallOptions {
  priority?: RequestPriority;
  hints?: RequestHints;
}

/** One request to a Scalingo API, before the connection adds where it goes and who sends it. */
export interface ApiRequest {
  method: HttpRequest["method"];
  path: string;
  query?: Record<string, string>;
  body?: unknown;
  headers?: Record<string, string>;
  secrets?: readonly string[];
  responseType?: "json" | "text";
}

/** An answer, with the request it answers (for errors that name the call). */
export interface Answer extends HttpResponse {
  request: RequestDescription;
}

const DEFAULT_TRANSFER_TIMEOUT_MS = 10 * 60 * 1000;

/**
 * The plumbing every public-API family shares: one transport (and so the shared request budget,
 * retries and timeouts), the bearer from the API token, the region directory, addon tokens for
 * the Database API, and transfers to pre-signed URLs. The same pieces as ScalingoClient's.
 */
export class PublicConnection {
  readonly authUrl: string;
  private readonly transport: HttpTransport;
  private readonly transfers: HttpTransport;
  private readonly tokens: TokenSource;
  private readonly directory: RegionDirectory;
  private readonly addonTokens: AddonTokens;
  private readonly databaseApiUrls: Readonly<Record<string, string>>;

  constructor(options: PublicApiOptions) {
    this.authUrl = (options.authUrl ?? DEFAULT_AUTH_URL).replace(/\/+$/, "");
    const tuning = { userAgent: userAgent(), gate: options.gate, retries: options.retries, retryBaseDelayMs: options.retryBaseDelayMs };
    this.transport = new HttpTransport({ ...tuning, timeoutMs: options.timeoutMs });
    this.transfers = new HttpTransport({ ...tuning, timeoutMs: options.transferTimeoutMs ?? DEFAULT_TRANSFER_TIMEOUT_MS });
    this.tokens = new TokenSource(options.apiToken, this.authUrl, this.transport);
    this.directory = new RegionDirectory(this.authUrl, this.transport, this.bearer());
    this.addonTokens = new AddonTokens((region, app, addonId) => this.fetchAddonToken(region, app, addonId), options.now);
    for (const [region, url] of Object.entries(options.databaseApiUrls ?? {})) requireSafeUrl(url, `the Database API URL of region ${region}`);
    this.databaseApiUrls = options.databaseApiUrls ?? {};
  }

  regions(): Promise<Region[]> {
    return this.directory.list();
  }

  /** A call to a region's API with the user's bearer; a refused bearer is exchanged again once. */
  async regional(region: string, request: ApiRequest, options: CallOptions = {}): Promise<Answer> {
    const baseUrl = await this.directory.apiUrl(region);
    const send = () => this.send({ ...this.httpRequest(request, options), baseUrl, region, credentials: this.bearer() });
    try {
      return await send();
    } catch (error) {
      // A bearer refused by a region (expired early, revoked): exchange again, once. A refused
      // API token (401 from the auth service itself) is final.
      if (!(error instanceof ScalingoAuthError) || !error.request.region) throw error;
      this.tokens.invalidate();
      return send();
    }
  }

  /** A call to the auth service with the user's bearer (SCM integrations). */
  auth(request: ApiRequest, options: CallOptions = {}): Promise<Answer> {
    return this.send({ ...this.httpRequest(request, options), baseUrl: this.authUrl, credentials: this.bearer() });
  }

  /**
   * A call to a region's Database API about one addon, with that addon's token as the bearer.
   * A refused token (expired early, revoked) is replaced once.
   */
  async database(region: string, app: string, addonId: string, request: ApiRequest, options: CallOptions = {}): Promise<Answer> {
    const baseUrl = this.databaseApiUrls[region] ?? (await this.directory.databaseApiUrl(region));
    const send = async () => {
      // Fetched before the request takes its turn in the budget: the token request has its own.
      const token = await this.addonTokens.token(region, app, addonId);
      const credentials: Credentials = { kind: "bearer", token: () => Promise.resolve(token) };
      return this.send({ ...this.httpRequest(request, options), baseUrl, region, credentials });
    };
    try {
      return await send();
    } catch (error) {
      // Only the Database API's own refusal says the addon token is stale (not the token request's).
      if (!(error instanceof ScalingoAuthError) || !error.request.path.startsWith("/api/")) throw error;
      this.addonTokens.invalidate(region, addonId);
      return send();
    }
  }

  /**
   * A transfer to a pre-signed URL (an archive upload, a logs read): no credential of ours goes
   * there, the URL is sent as it is, it is outside the API's rate limit, and errors name it by
   * `label`, never by the URL (its query is the credential).
   */
  async signedUrl(
    region: string,
    url: Secret,
    label: string,
    request: { method: "GET" | "PUT"; rawBody?: HttpRequest["rawBody"]; query?: Record<string, string> },
  ): Promise<Answer> {
    const target = signedTarget(url, label, request.method, region);
    for (const [name, value] of Object.entries(request.query ?? {})) target.searchParams.set(name, value);
    return this.send(
      {
        method: request.method,
        baseUrl: target.href,
        path: "",
        describeAs: `<${label}>`,
        rawBody: request.rawBody,
        responseType: "text",
        outsideBudget: true,
        priority: "read",
        region,
        credentials: { kind: "none" },
        secrets: [url.reveal(), target.href, ...[...target.searchParams.values()].filter((v) => v.length >= 4)],
      },
      this.transfers,
    );
  }

  private async send(request: HttpRequest, transport = this.transport): Promise<Answer> {
    const description: RequestDescription = { method: request.method, path: request.describeAs ?? request.path, region: request.region };
    try {
      return { ...(await transport.send(request)), request: description };
    } catch (error) {
      throw explainMissingApp(error);
    }
  }

  private httpRequest(request: ApiRequest, options: CallOptions): Omit<HttpRequest, "baseUrl" | "credentials"> {
    return { ...request, priority: options.priority ?? (request.method === "GET" ? "read" : "write"), hints: options.hints };
  }

  private bearer(): Credentials {
    return { kind: "bearer", token: () => this.tokens.bearer() };
  }

  private async fetchAddonToken(region: string, app: string, addonId: string): Promise<string> {
    const path = `/v1/apps/${seg(app)}/addons/${seg(addonId)}/token`;
    const answer = await this.regional(region, { method: "POST", path, body: {} });
    return parseAnswer(addonTokenSchema, answer);
  }
}

/** Path segment: names and ids are user input. */
export function seg(value: string): string {
  return encodeURIComponent(value);
}

/** The URL, if it is one we may send a body to: https, or plain http to this machine. */
function signedTarget(url: Secret, label: string, method: string, region: string): URL {
  let target: URL;
  try {
    target = new URL(url.reveal());
  } catch {
    throw new ScalingoConfigError(label, `the ${label} Scalingo gave (region ${region}, for a ${method}) is not an absolute URL`, "invalid_url");
  }
  if (target.protocol === "https:" || (target.protocol === "http:" && isLoopbackHost(target.hostname))) return target;
  throw new ScalingoConfigError(label, `the ${label} must use https:// (plain http:// only to a loopback address), got ${target.protocol}//${target.host}`, "insecure_url");
}

/** A 404 whose resource is the app says which app, as ScalingoClient does. */
function explainMissingApp(error: unknown): unknown {
  if (!(error instanceof ScalingoNotFoundError) || error.resource !== "app") return error;
  const app = /^\/v1\/apps\/([^/]+)/.exec(error.request.path)?.[1];
  if (!app) return error;
  return new ScalingoNotFoundError({
    status: error.status,
    request: error.request,
    serverMessage: error.serverMessage,
    resource: error.resource,
    message: `app '${decodeURIComponent(app)}' was not found in region ${error.request.region ?? "?"} (${error.request.method} ${error.request.path})`,
  });
}
