/**
 * One error family for everything the Scalingo client can report. Each error carries the
 * context a person needs to act (HTTP status, method, path, region, Scalingo's own words) and
 * never a credential: errors are built from scrubbed request descriptions, not from axios
 * errors (those carry the request headers, Authorization included).
 */

export interface RequestDescription {
  method: string;
  /** Path without query string, e.g. `/v1/apps/my-app/region_migrations`. */
  path: string;
  /** Region whose API was called; `undefined` for the auth service. */
  region?: string;
}

export abstract class ScalingoError extends Error {
  abstract readonly code: string;
  override name = "ScalingoError";
}

/** The server answered with a non-2xx status. */
export class ScalingoHttpError extends ScalingoError {
  override name = "ScalingoHttpError";
  readonly code: string = "http_error";
  readonly status: number;
  readonly request: RequestDescription;
  /** Scalingo's `error` message, or a short excerpt of a non-JSON body. */
  readonly serverMessage?: string;
  /** Scalingo's `resource` on a 404 (`app`, `region_migration`). */
  readonly resource?: string;
  /** Scalingo's `errors` on a 422: field → messages. */
  readonly fieldErrors: Readonly<Record<string, readonly string[]>>;

  constructor(init: {
    status: number;
    request: RequestDescription;
    serverMessage?: string;
    resource?: string;
    fieldErrors?: Record<string, string[]>;
    message?: string;
  }) {
    super(init.message ?? describeHttpFailure(init));
    this.status = init.status;
    this.request = init.request;
    this.serverMessage = init.serverMessage;
    this.resource = init.resource;
    this.fieldErrors = init.fieldErrors ?? {};
  }
}

/** A 404 whose `resource` names what was missing. */
export class ScalingoNotFoundError extends ScalingoHttpError {
  override name = "ScalingoNotFoundError";
  override readonly code = "not_found";
}

/** A 422: the request was understood and refused; `fieldErrors` says why. */
export class ScalingoValidationError extends ScalingoHttpError {
  override name = "ScalingoValidationError";
  override readonly code = "validation_failed";
}

/** 429 after every retry was spent. */
export class ScalingoRateLimitError extends ScalingoHttpError {
  override name = "ScalingoRateLimitError";
  override readonly code = "rate_limited";
}

/** 401 on the token exchange or on a region API. */
export class ScalingoAuthError extends ScalingoHttpError {
  override name = "ScalingoAuthError";
  override readonly code = "unauthorized";
}

/**
 * A real region answered the migration endpoints with 404/410: Scalingo retired the
 * region-migration API in April 2025.
 */
export class RegionMigrationUnsupportedError extends ScalingoHttpError {
  override name = "RegionMigrationUnsupportedError";
  override readonly code = "region_migration_unsupported";

  constructor(answer: ScalingoHttpError) {
    super({
      status: answer.status,
      request: answer.request,
      serverMessage: answer.serverMessage,
      resource: answer.resource,
      message:
        `Region ${answer.request.region ?? "?"} answered ${answer.status} on ${answer.request.path}: it does not offer the region-migration API. ` +
        "Scalingo retired it in April 2025; rehearse against the bundled simulator (npx scalingo-simulator) instead.",
    });
  }
}

/** No answer: connection refused or reset, DNS failure, timeout. */
export class ScalingoNetworkError extends ScalingoError {
  override name = "ScalingoNetworkError";
  readonly code = "network_error";
  readonly request: RequestDescription;
  /** Node's error code (`ECONNRESET`, `ECONNREFUSED`, `ETIMEDOUT`, …). */
  readonly cause_code?: string;
  /** False when the request may have reached the server (it must not be replayed blindly). */
  readonly surelyNotSent: boolean;

  constructor(request: RequestDescription, causeCode: string | undefined, detail: string) {
    super(`${request.method} ${where(request)} failed without an answer (${causeCode ?? "network error"}): ${detail}`);
    this.request = request;
    this.cause_code = causeCode;
    this.surelyNotSent = causeCode === "ECONNREFUSED" || causeCode === "ENOTFOUND" || causeCode === "EAI_AGAIN";
  }
}

/** The server answered 2xx with a body that does not match the contract. */
export class ScalingoResponseError extends ScalingoError {
  override name = "ScalingoResponseError";
  readonly code = "unexpected_response";
  readonly request: RequestDescription;
  readonly status: number;

  constructor(request: RequestDescription, status: number, problem: string) {
    super(`${request.method} ${where(request)} answered ${status} with an unexpected body: ${problem}`);
    this.request = request;
    this.status = status;
  }
}

/** Configuration the client cannot work with: missing token, unknown region, unsafe URL. */
export class ScalingoConfigError extends ScalingoError {
  override name = "ScalingoConfigError";
  readonly code: string;
  /** The setting at fault (`SCALINGO_API_TOKEN`, `sourceRegion`, `SCALINGO_AUTH_URL`, …). */
  readonly setting: string;

  constructor(setting: string, message: string, code = "invalid_configuration") {
    super(message);
    this.setting = setting;
    this.code = code;
  }
}

/** The POST may or may not have been acted on: only reading the server can tell. */
export function postOutcomeUnknown(error: unknown): boolean {
  if (error instanceof ScalingoNetworkError) return !error.surelyNotSent;
  return error instanceof ScalingoHttpError && error.status >= 500;
}

function where(request: RequestDescription): string {
  return request.region ? `${request.path} (region ${request.region})` : `${request.path} (auth service)`;
}

function describeHttpFailure(init: {
  status: number;
  request: RequestDescription;
  serverMessage?: string;
  fieldErrors?: Record<string, string[]>;
}): string {
  const fields = Object.entries(init.fieldErrors ?? {})
    .map(([field, messages]) => `${field}: ${messages.join(", ")}`)
    .join("; ");
  const said = fields || init.serverMessage || "no message";
  return `${init.request.method} ${where(init.request)} answered ${init.status}: ${said}`;
}
