import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { startSimulator, type Simulator, type SimulatorOptions } from "../../../simulator";
import { simulatorWithEnv } from "../../support/simulator-env";
import { declaration } from "../support/declarations";
import { driveWithProvider } from "../support/provider-driver";
import { delay, waitFor } from "../support/wait-for";
import { judge, type ScenarioResult } from "./result";
import { prepareRunning } from "./token-expiry-scenario";

/**
 * Scalingo's API goes away in the middle of `prepare` and comes back (a deploy, a failover):
 * the simulator is closed and started again on the same port from its --state file, which
 * keeps the migration, its running step and the JWT secret. The provider, polling meanwhile,
 * meets refused connections and must carry on once the API answers again.
 */
export async function simulatorRestartScenario(downtimeMs = 1_000): Promise<ScenarioResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "reliability-state-"));
  const options: SimulatorOptions = { statePath: path.join(dir, "state.json"), rateLimitPerMinute: 0, stepDurations: { prepare: 2_000 }, captureRequests: true };
  const before = await simulatorWithEnv(options);
  let after: Simulator | undefined;
  try {
    const drive = driveWithProvider(declaration("my-app"));
    await waitFor(() => prepareRunning(before), "prepare to run");
    await before.close();
    await delay(downtimeMs);
    after = await startOnSamePort(before.authUrl, options);
    const result = await drive;
    const afterEntries = after.requests();
    return judge({
      name: `simulator restarted from --state during prepare (${downtimeMs} ms down)`,
      entries: [...before.requests(), ...afterEntries],
      captured: [...before.capturedRequests(), ...after.capturedRequests()],
      drives: [{ app: "my-app", result }],
      evidence: { requestsAfterRestart: afterEntries.length },
    });
  } finally {
    await after?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The closed server released its port (it closes every connection), but another process may
 * grab a just-freed port: retry briefly, then say so rather than hang.
 */
async function startOnSamePort(authUrl: string, options: SimulatorOptions): Promise<Simulator> {
  const port = Number(new URL(authUrl).port);
  for (let attempt = 0; ; attempt++) {
    try {
      return await startSimulator({ ...options, port });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EADDRINUSE" || attempt >= 20) throw error;
      await delay(100);
    }
  }
}
