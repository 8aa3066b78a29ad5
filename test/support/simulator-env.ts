import { DEFAULT_API_TOKEN, startSimulator, type Simulator, type SimulatorOptions } from "../../simulator";

/** The API token of the simulator's built-in account. */
export const DEMO_TOKEN = DEFAULT_API_TOKEN;

/**
 * A fresh simulator for in-process provider tests, and the environment the provider reads.
 * The provider's request budget is lifted (SCALINGO_REQUESTS_PER_MINUTE) so unit suites are
 * not slowed by the rate limit; the rate-limit behaviour has suites of its own.
 */
export async function simulatorWithEnv(options: SimulatorOptions = {}): Promise<Simulator> {
  const simulator = await startSimulator({ port: 0, rateLimitPerMinute: 0, ...options });
  process.env.SCALINGO_AUTH_URL = simulator.authUrl;
  process.env.SCALINGO_API_TOKEN = DEMO_TOKEN;
  process.env.SCALINGO_REQUESTS_PER_MINUTE ??= "100000";
  delete process.env.SCALINGO_REGION;
  return simulator;
}

/** Requests that change something on the server. */
export function writesIn(simulator: Simulator): { method: string; path: string }[] {
  return simulator.requests().filter((r) => r.method !== "GET" && !r.path.endsWith("/tokens/exchange"));
}
