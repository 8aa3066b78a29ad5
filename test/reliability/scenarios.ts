/**
 * The reliability scenarios, shared by the mocha suites in this folder and by
 * scripts/reliability.ts (which runs them all and writes the summary JSON).
 */
export { faultScenario, faultRuleFor, type Driver } from "./scenarios/fault-scenario";
export { rateLimitStormScenario } from "./scenarios/rate-limit-scenario";
export { shortLivedBearerScenario, revokedBearerScenario } from "./scenarios/token-expiry-scenario";
export { simulatorRestartScenario } from "./scenarios/restart-scenario";
export { twoOwnersScenario } from "./scenarios/two-owners-scenario";
export { killScenario, randomKillPoint, type KillPoint } from "./scenarios/kill-scenario";
export { badInputScenario, BadInputBench, type BadInputOutcome } from "./scenarios/bad-input-scenario";
export { BAD_INPUTS, type BadInput } from "./scenarios/bad-inputs";
export type { ScenarioResult } from "./scenarios/result";
export { FAULT_KINDS, type FaultKind } from "./support/fault-kinds";
export { ROUTES, PHASES, type Route } from "./support/routes";
export { seededRandom } from "./support/seeded-random";
export { guardLoopbackOnly } from "./support/loopback-guard";
