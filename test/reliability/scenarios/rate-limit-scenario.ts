import { simulatorWithEnv } from "../../support/simulator-env";
import { declaration } from "../support/declarations";
import { driveWithProvider } from "../support/provider-driver";
import { judge, type ScenarioResult } from "./result";

/**
 * A 429 storm: the account may send 4 requests a second, far below what one migration sends
 * when nothing holds it back (the provider's own budget is lifted by simulatorWithEnv). The
 * migration must only be delayed: done, nothing sent twice.
 */
export async function rateLimitStormScenario(): Promise<ScenarioResult> {
  const simulator = await simulatorWithEnv({ rateLimitPerMinute: 4, rateLimitWindowMs: 1_000, captureRequests: true });
  try {
    const result = await driveWithProvider(declaration("my-app"));
    const entries = simulator.requests();
    return judge({
      name: "429 storm (4 requests/s)",
      entries,
      captured: simulator.capturedRequests(),
      drives: [{ app: "my-app", result }],
      evidence: { rateLimited: entries.filter((e) => e.status === 429).length },
    });
  } finally {
    await simulator.close();
  }
}
