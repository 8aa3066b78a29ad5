import type { Simulator } from "../../../simulator";
import { simulatorWithEnv } from "../../support/simulator-env";
import { declaration } from "../support/declarations";
import { driveWithProvider } from "../support/provider-driver";
import { bearerEvidence } from "../support/request-audit";
import { waitFor } from "../support/wait-for";
import { judge, type ScenarioResult } from "./result";

/** Bearers live 1 s; `prepare` lasts 2 s: the bearer the wait started with expires in it. */
export async function shortLivedBearerScenario(): Promise<ScenarioResult> {
  const simulator = await simulatorWithEnv({ jwtTtlSeconds: 1, stepDurations: { prepare: 2_000 }, captureRequests: true });
  try {
    const result = await driveWithProvider(declaration("my-app"));
    const entries = simulator.requests();
    return judge({
      name: "bearer expires during a long wait (TTL 1 s)",
      entries,
      captured: simulator.capturedRequests(),
      drives: [{ app: "my-app", result }],
      evidence: bearerEvidence(entries),
    });
  } finally {
    await simulator.close();
  }
}

/**
 * The region refuses a bearer the client still believed valid (revoked, clock skew) while
 * `prepare` runs: the client must exchange again and keep waiting.
 */
export async function revokedBearerScenario(): Promise<ScenarioResult> {
  const simulator = await simulatorWithEnv({ stepDurations: { prepare: 2_000 }, captureRequests: true });
  try {
    const drive = driveWithProvider(declaration("my-app"));
    await waitFor(() => prepareRunning(simulator), "prepare to run");
    simulator.setFaults([{ method: "GET", path: "/v1/apps/*/region_migrations/*", status: 401, body: { error: "token expired" }, count: 1 }]);
    const result = await drive;
    const entries = simulator.requests();
    return judge({
      name: "bearer refused (401) during a long wait",
      entries,
      captured: simulator.capturedRequests(),
      drives: [{ app: "my-app", result }],
      evidence: bearerEvidence(entries),
    });
  } finally {
    await simulator.close();
  }
}

/** Preflight keeps `created` while it runs, so the first `running` a migration shows is prepare. */
export function prepareRunning(simulator: Simulator, app = "my-app"): boolean {
  return simulator.migrations(app).some((m) => m.status === "running");
}
