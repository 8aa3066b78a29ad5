/** At most `limit` requests per account in any rolling window of `windowMs`. */
export class RateLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Counts the request and says whether it is within the budget; refused ones do not count. */
  tryTake(account: string): boolean {
    if (this.limit <= 0) return true;
    const now = Date.now();
    const recent = (this.hits.get(account) ?? []).filter((t) => t > now - this.windowMs);
    const allowed = recent.length < this.limit;
    if (allowed) recent.push(now);
    this.hits.set(account, recent);
    return allowed;
  }

  reset(): void {
    this.hits.clear();
  }
}
