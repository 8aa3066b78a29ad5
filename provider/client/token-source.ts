import { decodeJwt } from "jose";
import { ScalingoConfigError, ScalingoResponseError } from "./errors";
import type { HttpTransport } from "./http-transport";
import { tokenExchangeSchema } from "./schemas";

/** Exchange again when fewer than this many ms remain, as Scalingo's own clients do. */
const REFRESH_MARGIN_MS = 5 * 60 * 1000;
/** Lifetime assumed for a bearer whose `exp` cannot be read. */
const FALLBACK_LIFETIME_MS = 55 * 60 * 1000;

/**
 * Turns the long-lived API token into short-lived bearers, on demand. The API token lives in a
 * private field so that it never shows in `util.inspect`, JSON or a thrown object.
 */
export class TokenSource {
  readonly #apiToken: string;
  #bearer?: { token: string; refreshAt: number };
  #pending?: Promise<string>;

  constructor(
    apiToken: string,
    private readonly authUrl: string,
    private readonly transport: HttpTransport,
    private readonly now: () => number = Date.now,
  ) {
    if (!apiToken.trim()) {
      throw new ScalingoConfigError("SCALINGO_API_TOKEN", "The Scalingo API token is empty");
    }
    this.#apiToken = apiToken;
  }

  /** A bearer valid for at least five more minutes (exchanging once for concurrent callers). */
  bearer(): Promise<string> {
    if (this.#bearer && this.now() < this.#bearer.refreshAt) return Promise.resolve(this.#bearer.token);
    this.#pending ??= this.exchange().finally(() => (this.#pending = undefined));
    return this.#pending;
  }

  /** Forget the bearer (the server refused it), so the next call exchanges again. */
  invalidate(): void {
    this.#bearer = undefined;
  }

  private async exchange(): Promise<string> {
    const request = { method: "POST" as const, path: "/v1/tokens/exchange" };
    const response = await this.transport.send({
      ...request,
      baseUrl: this.authUrl,
      body: {},
      credentials: { kind: "basic", password: () => this.#apiToken },
      priority: "write",
      // An exchange only issues a bearer: sending it again after a lost answer is harmless,
      // and failing instead would stop a migration on one dropped connection.
      idempotent: true,
    });
    const parsed = tokenExchangeSchema.safeParse(response.body);
    if (!parsed.success) throw new ScalingoResponseError(request, response.status, "no `token` in the exchange answer");
    const token = parsed.data.token;
    this.#bearer = { token, refreshAt: refreshTime(token, this.now()) };
    return token;
  }
}

/**
 * When a short-lived token (a bearer, an addon token: JWTs valid an hour) should be replaced:
 * five minutes before its `exp`, or after a conservative lifetime when `exp` cannot be read.
 */
export function refreshTime(token: string, now: number): number {
  try {
    const { exp } = decodeJwt(token);
    if (typeof exp === "number") return exp * 1000 - REFRESH_MARGIN_MS;
  } catch {
    // Not a JWT we can read: fall back to a conservative lifetime.
  }
  return now + FALLBACK_LIFETIME_MS - REFRESH_MARGIN_MS;
}
