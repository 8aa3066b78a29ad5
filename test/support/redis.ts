import { locateRedisServer } from "../../scripts/support/redis-server";

/** In a mocha `before`: skip the suite loudly without redis-server, but never in CI. */
export function requireRedis(context: Mocha.Context): void {
  if (locateRedisServer()) return;
  const why = "no redis-server on PATH (Debian: apt-get install redis-server; .ci/run installs it)";
  if (process.env.CI === "true") throw new Error(`CI must run the shared-budget tests, but ${why}`);
  console.log(`\n  !!! SKIPPING shared-budget (Redis) tests: ${why}\n`);
  context.skip();
}
