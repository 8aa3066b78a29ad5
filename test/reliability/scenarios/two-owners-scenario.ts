import { simulatorWithEnv } from "../../support/simulator-env";
import { declaration } from "../support/declarations";
import { driveWithProvider } from "../support/provider-driver";
import { waitFor } from "../support/wait-for";
import { judge, type ScenarioResult } from "./result";
import { prepareRunning } from "./token-expiry-scenario";

/**
 * Two stacks declare a migration of the same app. The second arrives while the first one's
 * `prepare` runs: it must be refused with a message that names the migration in flight and
 * how to adopt it (`migrationId`), without a write; the first must finish untouched.
 */
export async function twoOwnersScenario(): Promise<ScenarioResult> {
  const simulator = await simulatorWithEnv({ stepDurations: { prepare: 2_000 }, captureRequests: true });
  try {
    const first = driveWithProvider(declaration("my-app"));
    await waitFor(() => prepareRunning(simulator), "the first stack's prepare to run");
    const inFlight = simulator.migrations("my-app")[0]!.id;
    const second = await driveWithProvider(declaration("my-app"));
    const result = await first;
    const message = second.error instanceof Error ? second.error.message : "";
    return judge({
      name: "second owner of the same app",
      entries: simulator.requests(),
      captured: simulator.capturedRequests(),
      drives: [{ app: "my-app", result }],
      artifacts: [second.error, second.logs],
      evidence: {
        inFlight,
        secondCompleted: second.outputs ? 1 : 0,
        secondMessage: message,
        secondNamesMigration: message.includes(inFlight) && /migrationId/.test(message) ? 1 : 0,
      },
    });
  } finally {
    await simulator.close();
  }
}
