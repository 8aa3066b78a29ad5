import type { PlanTarget } from "../../migration/engine";
import type { MigrationStatus, RunStep } from "../../migration/stages";
import { plannedSteps } from "./planner";

/**
 * How much server-side work (ms) a migration still has ahead on its way to the target, once
 * it is at `status`. The request scheduler serves first the requests with the most work
 * ahead: getting every migration of a fleet into its long steps early is what keeps the
 * account's budget busy to the end instead of leaving one migration's data copy alone at
 * the tail.
 */
export function workAheadMs(status: MigrationStatus | undefined, target: PlanTarget, expectedMs: (step: RunStep) => number): number {
  const steps = plannedSteps(status, target);
  return Array.isArray(steps) ? steps.reduce((sum, step) => sum + expectedMs(step), 0) : 0;
}
