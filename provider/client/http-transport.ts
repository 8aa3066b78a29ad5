import axios, { AxiosError, type AxiosInstance, type InternalAxiosRequestConfig } from "axios";
import axiosRetry, { exponentialDelay, isNetworkError } from "axios-retry";
import {
  ScalingoAuthError,
  ScalingoError,
  ScalingoHttpError,
  ScalingoNetworkError,
  ScalingoNotFoundError,
  ScalingoRateLimitError,
  ScalingoResponseError,
  ScalingoValidationError,
  type RequestDescription,
} from "./errors";
import { errorBodySchema } from "./schemas";
import { redactSecrets } from "./redaction";
import { immediateGate, type RequestGate, type RequestHints, type RequestPriority } from "./request-gate";

export type Credentials =
  | { kind: "none" }
  | { kind: "basic"; password: () => string }
  | { kind: "bearer"; token: () => Promise<string> };

export interface HttpRequest {
  method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
  /** Base URL (auth service or region API), without `/v1`. */
  baseUrl: string;
  path: string;
  query?: Record<string, string>;
  body?: unknown;
  credentials: Credentials;
  priority: RequestPriority;
  hints?: RequestHints;
  region?: string;
  /**
   * Safe to send again whatever happened to an earlier attempt. Default: every method but
   * POST. The token exchange is a POST that changes nothing on the server: it says true.
   */
  idempotent?: boolean;
  /** Extra request headers (Scalingo's `X-Dry-Run`). */
  headers?: Record<string, string>;
  /** Sent as it is instead of `body` as JSON: an archive PUT to a pre-signed upload URL. */
  rawBody?: { contentType: string; data: Uint8Array };
  /** `text`: the answer is returned as a string (logs, build output), not parsed as JSON. */
  responseType?: "json" | "text";
  /** A pre-signed URL outside Scalingo's API (storage, logs): its rate limit does not count it, so it does not wait for the budget. */
  outsideBudget?: boolean;
  /** Shown in errors instead of `path`, when the path belongs to a secret URL. */
  describeAs?: string;
  /** Values the request carries (variable values, a certificate key): stripped from any error the server answers. */
  secrets?: readonly string[];
}

export interface HttpResponse {
  status: number;
  /** Parsed JSON, or `undefined` for an empty body; the text itself with `responseType: "text"`. */
  body: unknown;
  /** Response headers, lower-case names (`location`). */
  headers?: Readonly<Record<string, string>>;
}

export interface TransportOptions {
  userAgent: string;
  /** Per-attempt timeout. */
  timeoutMs?: number;
  /** Retries of a retryable failure (429, 5xx but 501, network) before giving up. */
  retries?: number;
  /** First back-off delay; grows exponentially, with jitter. */
  retryBaseDelayMs?: number;
  gate?: RequestGate;
  /** Bodies larger than this are refused (hostile or broken servers). */
  maxBodyBytes?: number;
}

const DEFAULT_TIMEOUT_MS = 30_000;

/** Statuses after which an idempotent request is sent again (500 included: Scalingo's own errors are often transient). */
const RETRYABLE_STATUSES = new Set([429, 500, 502, 503, 504]);

interface Attempt {
  priority: RequestPriority;
  hints: RequestHints | undefined;
  credentials: Credentials;
  idempotent: boolean;
  outsideBudget: boolean;
  /**
   * Notes each credential value sent, to strip it from anything the server says back. A
   * function because axios copies plain objects and arrays of the config on every attempt.
   */
  noteSent: (secret: string) => void;
}

/**
 * The one place HTTP happens. Adds credentials and the User-Agent to every attempt, retries
 * what is safe to retry, and turns every failure into a ScalingoError that carries no
 * credential. A POST is retried only when the server surely did not act on it (429, or a
 * connection that was never made); other POST failures surface as they are so that the
 * caller reconciles by reading before it sends again.
 */
export class HttpTransport {
  private readonly axios: AxiosInstance;
  private readonly gate: RequestGate;

  constructor(private readonly options: TransportOptions) {
    this.gate = options.gate ?? immediateGate;
    this.axios = axios.create({
      timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      responseType: "text",
      transformResponse: [(data: unknown) => data],
      maxContentLength: options.maxBodyBytes ?? 8 * 1024 * 1024,
      maxRedirects: 0,
      validateStatus: (status) => status >= 200 && status < 300,
    });
    this.axios.interceptors.request.use((config) => this.prepareAttempt(config));
    axiosRetry(this.axios, {
      retries: options.retries ?? 6,
      retryDelay: (count, error) => exponentialDelay(count, error, options.retryBaseDelayMs ?? 500),
      retryCondition: (error) => this.isSafeToRetry(error),
      // Each attempt gets the whole timeout. By default axios-retry counts it from the first
      // attempt, so a request that timed out once was never retried.
      shouldResetTimeout: true,
      onRetry: (_count, error) => {
        if (error.response?.status === 429) this.gate.onRateLimited();
      },
    });
  }

  async send(request: HttpRequest): Promise<HttpResponse> {
    const description: RequestDescription = { method: request.method, path: request.describeAs ?? request.path, region: request.region };
    const sent: string[] = [];
    const attempt: Attempt = {
      priority: request.priority,
      hints: request.hints,
      credentials: request.credentials,
      idempotent: request.idempotent ?? request.method !== "POST",
      outsideBudget: request.outsideBudget ?? false,
      noteSent: (secret) => sent.push(secret),
    };
    try {
      const response = await this.axios.request<string>({
        method: request.method,
        url: joinUrl(request.baseUrl, request.path),
        params: request.query,
        data: request.rawBody ? request.rawBody.data : request.body === undefined ? undefined : JSON.stringify(request.body),
        headers: {
          Accept: "application/json",
          "Content-Type": request.rawBody?.contentType ?? "application/json",
          "User-Agent": this.options.userAgent,
          ...request.headers,
        },
        attempt,
      } as never);
      const text = response.data === undefined ? undefined : redactSecrets(response.data, sent);
      const body = request.responseType === "text" ? (text ?? "") : parseJsonBody(description, response.status, text);
      return { status: response.status, body, headers: plainHeaders(response.headers) };
    } catch (error) {
      throw toScalingoError(error, description, [...sent, ...(request.secrets ?? [])]);
    }
  }

  private async prepareAttempt(config: InternalAxiosRequestConfig): Promise<InternalAxiosRequestConfig> {
    const attempt = (config as unknown as { attempt: Attempt }).attempt;
    const credentials = attempt.credentials;
    // The bearer first: an exchange is a request of its own, with its own turn. Fetched after
    // our turn, it went out in that turn and this request right behind it, closer together
    // than the budget's spacing allows.
    const bearer = credentials.kind === "bearer" ? await credentials.token() : undefined;
    if (!attempt.outsideBudget) await this.gate.acquire(attempt.priority, attempt.hints);
    if (bearer !== undefined) {
      attempt.noteSent(bearer);
      config.headers.set("Authorization", `Bearer ${bearer}`);
    } else if (credentials.kind === "basic") {
      const encoded = Buffer.from(`:${credentials.password()}`).toString("base64");
      attempt.noteSent(credentials.password());
      attempt.noteSent(encoded);
      config.headers.set("Authorization", `Basic ${encoded}`);
    }
    // axios' `timeout` only bounds silence on the socket: a server that trickles a byte now
    // and then would hold the request forever. This bounds the whole attempt.
    config.signal = AbortSignal.timeout(this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    return config;
  }

  private isSafeToRetry(error: AxiosError): boolean {
    const attempt = (error.config as unknown as { attempt?: Attempt } | undefined)?.attempt;
    const status = error.response?.status;
    if (status === 429) return true;
    // A body over the size limit will be as large on the next attempt.
    if (tooLarge(error)) return false;
    if (!attempt?.idempotent) return !error.response && connectionNeverMade(error);
    if (status !== undefined) return RETRYABLE_STATUSES.has(status);
    return isNetworkError(error) || isTimeout(error) || error.code === "ECONNRESET";
  }
}

/** Socket silence (axios' own timeout) or the whole-attempt deadline (the abort signal). */
function isTimeout(error: AxiosError): boolean {
  return error.code === "ECONNABORTED" || error.code === "ETIMEDOUT" || error.code === AxiosError.ERR_CANCELED;
}

function tooLarge(error: AxiosError): boolean {
  return error.code === AxiosError.ERR_BAD_RESPONSE && /maxContentLength/.test(error.message);
}

function connectionNeverMade(error: AxiosError): boolean {
  return error.code === "ECONNREFUSED" || error.code === "ENOTFOUND" || error.code === "EAI_AGAIN";
}

function plainHeaders(headers: object): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([, v]) => typeof v === "string").map(([k, v]) => [k.toLowerCase(), v as string]));
}

function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, "")}${path}`;
}

function parseJsonBody(request: RequestDescription, status: number, text: string | undefined): unknown {
  if (text === undefined || text === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new ScalingoResponseError(request, status, `not JSON (${excerpt(text)})`);
  }
}

function toScalingoError(error: unknown, request: RequestDescription, sent: readonly string[]): Error {
  // Errors of our own family (e.g. a refused token exchange inside an attempt) pass as they are.
  if (error instanceof ScalingoError) return error;
  if (!(error instanceof AxiosError)) {
    // Never rethrow a foreign object as is: it may hold the request configuration.
    return new ScalingoNetworkError(request, undefined, error instanceof Error ? error.message : String(error));
  }
  const response = error.response;
  if (tooLarge(error)) {
    const status = (error.request as { res?: { statusCode?: number } } | undefined)?.res?.statusCode ?? 0;
    return new ScalingoResponseError(request, status, `a body larger than ${error.config?.maxContentLength ?? "the limit of"} bytes, refused`);
  }
  if (!response) {
    if (error.code === AxiosError.ERR_CANCELED) return new ScalingoNetworkError(request, "ETIMEDOUT", "no complete answer in time");
    const code = error.code === "ECONNABORTED" ? "ETIMEDOUT" : error.code;
    return new ScalingoNetworkError(request, code, redactSecrets(error.message));
  }
  // A server may quote back what it was sent (a proxy's debug page, a careless error message).
  const text = typeof response.data === "string" ? redactSecrets(response.data, sent) : "";
  return httpError(request, response.status, text);
}

function httpError(request: RequestDescription, status: number, text: string): ScalingoHttpError {
  const body = parseErrorBody(text);
  const init = {
    status,
    request,
    serverMessage: body.error ?? (body.parsed ? undefined : excerpt(text)),
    resource: body.resource,
    fieldErrors: body.fieldErrors,
  };
  if (status === 401 && !request.region) {
    return new ScalingoAuthError({
      ...init,
      message: `The Scalingo API token was refused by the auth service (401 ${init.serverMessage ?? ""}): check SCALINGO_API_TOKEN or the stack config scalingo:apiToken`.replace(" )", ")"),
    });
  }
  if (status === 401) return new ScalingoAuthError(init);
  if (status === 429) return new ScalingoRateLimitError({ ...init, message: `${request.method} ${request.path} was rate limited by Scalingo (429 ${excerpt(text)}) and every retry was spent` });
  if (status === 404) return new ScalingoNotFoundError(init);
  if (status === 422) return new ScalingoValidationError(init);
  return new ScalingoHttpError(init);
}

function parseErrorBody(text: string): {
  parsed: boolean;
  error?: string;
  resource?: string;
  fieldErrors?: Record<string, string[]>;
} {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { parsed: false };
  }
  const result = errorBodySchema.safeParse(json);
  if (!result.success) return { parsed: true };
  const fieldErrors = result.data.errors
    ? Object.fromEntries(Object.entries(result.data.errors).map(([k, v]) => [k, Array.isArray(v) ? v : [v]]))
    : undefined;
  return { parsed: true, error: result.data.error, resource: result.data.resource, fieldErrors };
}

/** Short, single-line excerpt of a body for messages (HTML error pages can be huge). */
function excerpt(text: string): string {
  const oneLine = text.replace(/\s+/g, " ").trim();
  return oneLine.length > 120 ? `${oneLine.slice(0, 117)}...` : oneLine;
}
