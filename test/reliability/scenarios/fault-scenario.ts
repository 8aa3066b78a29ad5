import { startSimulator, type FaultRule } from "../../../simulator";
import { simulatorWithEnv } from "../../support/simulator-env";
import { declaration } from "../support/declarations";
import { reachedHandler, type FaultKind } from "../support/fault-kinds";
import { driveWithMigrator, shortTimeoutClient } from "../support/migrator-driver";
import { driveWithProvider } from "../support/provider-driver";
import { delay } from "../support/wait-for";
import { SHORT_TIMEOUT_ENV, withEnvironment } from "../support/environment";
import type { Route } from "../support/routes";
import { judge, type ScenarioResult } from "./result";

/**
 * `provider`: the serialized provider, as the engine runs it (client from the environment,
 * with SCALINGO_HTTP_TIMEOUT_MS shortened for latency faults).
 * `migrator`: the domain with a short-timeout client.
 */
export type Driver = "provider" | "migrator";

export function faultRuleFor(route: Route, kind: FaultKind): FaultRule {
  return { ...kind.rule, method: route.method, path: route.path, ...(route.region === null ? { region: null } : {}) };
}

/** One migration of my-app to finalize, with `kind` injected on `route`, on a fresh simulator. */
export async function faultScenario(route: Route, kind: FaultKind, driver: Driver): Promise<ScenarioResult> {
  const simulator = driver === "provider" ? await simulatorWithEnv({ captureRequests: true }) : await startSimulator({ port: 0, rateLimitPerMinute: 0, captureRequests: true });
  try {
    simulator.setFaults([faultRuleFor(route, kind)]);
    const declared = declaration("my-app");
    const result =
      driver === "provider"
        ? await withEnvironment(kind.needsShortTimeout ? SHORT_TIMEOUT_ENV : {}, () => driveWithProvider(declared))
        : await driveWithMigrator(shortTimeoutClient(simulator.authUrl), declared);
    // A request the client gave up on is logged only once the server is done with it.
    if (kind.rule.latencyMs) await delay(kind.rule.latencyMs);
    return judge({
      name: `${kind.name} on ${route.name} (${driver})`,
      entries: simulator.requests(),
      captured: simulator.capturedRequests(),
      drives: [{ app: "my-app", result }],
      reached: (entry) => reachedHandler(entry, kind),
    });
  } finally {
    await simulator.close();
  }
}
