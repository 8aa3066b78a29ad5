import { SHORT_TIMEOUT_MS } from "./fault-kinds";

/** What a user on a slow network would set; here it makes latency faults exceed the timeout. */
export const SHORT_TIMEOUT_ENV = { SCALINGO_HTTP_TIMEOUT_MS: String(SHORT_TIMEOUT_MS), SCALINGO_RETRY_BASE_DELAY_MS: "50" };

/** Runs `drive` with these variables set, then puts the environment back as it was. */
export async function withEnvironment<T>(variables: Record<string, string>, drive: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(variables).map((name) => [name, process.env[name]]));
  Object.assign(process.env, variables);
  try {
    return await drive();
  } finally {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}
