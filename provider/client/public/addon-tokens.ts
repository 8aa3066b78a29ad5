import { refreshTime } from "../token-source";

/** Fetches a fresh addon token: `POST /v1/apps/:app/addons/:id/token` on the app's region. */
export type AddonTokenFetcher = (region: string, app: string, addonId: string) => Promise<string>;

/**
 * Addon tokens (the Bearer of the Database API), one per addon, kept until five minutes before
 * they expire (they live an hour), so that a backup's polls do not each cost a token request.
 * Held in private fields: never in `util.inspect`, JSON or a thrown object.
 */
export class AddonTokens {
  readonly #cache = new Map<string, { token: string; refreshAt: number }>();
  readonly #pending = new Map<string, Promise<string>>();

  constructor(
    private readonly fetch: AddonTokenFetcher,
    private readonly now: () => number = Date.now,
  ) {}

  /** A token valid for a while yet (one request for concurrent callers of the same addon). */
  token(region: string, app: string, addonId: string): Promise<string> {
    const key = `${region}/${addonId}`;
    const cached = this.#cache.get(key);
    if (cached && this.now() < cached.refreshAt) return Promise.resolve(cached.token);
    let pending = this.#pending.get(key);
    if (!pending) {
      pending = this.fetch(region, app, addonId)
        .then((token) => {
          this.#cache.set(key, { token, refreshAt: refreshTime(token, this.now()) });
          return token;
        })
        .finally(() => this.#pending.delete(key));
      this.#pending.set(key, pending);
    }
    return pending;
  }

  /** The Database API refused the token: the next call fetches another. */
  invalidate(region: string, addonId: string): void {
    this.#cache.delete(`${region}/${addonId}`);
  }
}
