import { ScalingoConfigError } from "./errors";
import type { Pacer } from "./pacer";
import { sharedPacer } from "./shared-pacer";

/**
 * The optional budget shared through Redis by every provider process of an account (issue
 * #15): stack config `scalingo:budgetRedisUrl` or SCALINGO_BUDGET_REDIS_URL. Unset: each
 * process paces itself alone, as before.
 */
export interface SharedBudgetSettings {
  budgetRedisUrl?: string;
  /** Requests a minute this process allows itself while Redis is unreachable. */
  fallbackRequestsPerMinute?: string;
}

/** The pacer factory for RequestScheduler, or undefined for a process of its own. */
export function sharedBudgetPacer(
  settings: SharedBudgetSettings,
  env: NodeJS.ProcessEnv,
  context: { apiToken: string | undefined; budgetPerMinute: number; log: (line: string) => void },
): ((spacingMs: number) => Pacer) | undefined {
  const redisUrl = settings.budgetRedisUrl || env.SCALINGO_BUDGET_REDIS_URL || undefined;
  // Without a token there is no account to share, and the client says so itself.
  if (!redisUrl || !context.apiToken) return undefined;
  if (!/^rediss?:\/\/[^/]/.test(redisUrl)) {
    throw new ScalingoConfigError("scalingo:budgetRedisUrl", "scalingo:budgetRedisUrl (or SCALINGO_BUDGET_REDIS_URL) must be a redis:// or rediss:// URL, e.g. redis://127.0.0.1:6379");
  }
  const fallback = fallbackPerMinute(settings.fallbackRequestsPerMinute ?? env.SCALINGO_BUDGET_FALLBACK_PER_MINUTE, context.budgetPerMinute);
  const apiToken = context.apiToken;
  return (spacingMs) =>
    sharedPacer({ redisUrl, apiToken, spacingMs, fallbackSpacingMs: Math.floor(60_000 / fallback) + 1, log: context.log });
}

/** Default a quarter of the budget: four processes falling back together still stay under it. */
function fallbackPerMinute(raw: string | undefined, budget: number): number {
  if (raw === undefined || raw === "") return Math.max(1, Math.floor(budget / 4));
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > budget) {
    throw new ScalingoConfigError(
      "scalingo:budgetFallbackRequestsPerMinute",
      `scalingo:budgetFallbackRequestsPerMinute (or SCALINGO_BUDGET_FALLBACK_PER_MINUTE) must be a whole number from 1 to the budget (${budget}), got '${raw}'`,
    );
  }
  return value;
}
