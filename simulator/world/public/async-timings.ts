/** How long each asynchronous public-API job takes, in ms (§3 "asynchrony is real"). */
export interface AsyncTimings {
  /** A scale or restart operation, pending → running → done. */
  operation: number;
  /** Addon provisioning, provisioning → running. */
  addon: number;
  /** A database backup, scheduled → running → done. */
  backup: number;
  /** A deployment, building → pushing → starting → success. */
  deployment: number;
  /** A detached one-off, from start to exit. */
  oneOff: number;
  /** Lifetime of pre-signed URLs: backup archives and source upload/download (Scalingo: 10 min). */
  urlTtl: number;
}

export const ASYNC_TIMING_NAMES = ["operation", "addon", "backup", "deployment", "oneOff", "urlTtl"] as const;

export const ASYNC_PROFILES: Record<"fast" | "realistic", AsyncTimings> = {
  fast: { operation: 60, addon: 80, backup: 80, deployment: 150, oneOff: 60, urlTtl: 600_000 },
  realistic: { operation: 5_000, addon: 20_000, backup: 15_000, deployment: 60_000, oneOff: 10_000, urlTtl: 600_000 },
};

export class AsyncTimingSettings {
  private current: AsyncTimings;

  constructor(
    private readonly profile: "fast" | "realistic",
    private readonly overrides: Partial<AsyncTimings> = {},
  ) {
    this.current = { ...ASYNC_PROFILES[profile], ...overrides };
  }

  get(): AsyncTimings {
    return { ...this.current };
  }

  set(changes: Partial<AsyncTimings>): void {
    this.current = { ...this.current, ...changes };
  }

  reset(): void {
    this.current = { ...ASYNC_PROFILES[this.profile], ...this.overrides };
  }
}
