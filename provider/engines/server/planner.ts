import type { PlanTarget } from "../../migration/engine";
import { type MigrationStatus, type RunStep, stageIndex } from "../../migration/stages";

/**
 * The transition planner of Scalingo's region-migration API: from what the server says now
 * to what the user asked for, the next thing to do. One action at a time, because after each
 * run the server decides where the migration really went (a failure, an abort from
 * elsewhere) and the plan is made again.
 */
export type NextAction =
  | { kind: "create" }
  | { kind: "run"; step: RunStep }
  | { kind: "wait" }
  | { kind: "reached" }
  | { kind: "blocked"; reason: BlockedReason }
  /** A status from elsewhere (a hand-edited state, another version): read the server again. */
  | { kind: "unknown" };

export type BlockedReason =
  /** A sub-step failed; Scalingo waits for an abort. */
  "failed";

/** `status` undefined: there is no migration (never created, or a final one to leave behind). */
export function nextAction(status: MigrationStatus | undefined, target: PlanTarget): NextAction {
  const want = stageIndex(target.stage);
  switch (status) {
    case undefined:
    case "aborted":
    case "preflight-error":
      return { kind: "create" };
    case "created":
      return { kind: "run", step: "preflight" };
    case "running":
    case "aborting":
      return { kind: "wait" };
    case "error":
      return { kind: "blocked", reason: "failed" };
    case "done":
      return { kind: "reached" };
    case "preflight-success":
      return want === stageIndex("create") ? { kind: "reached" } : { kind: "run", step: "prepare" };
    case "prepared":
      // Beyond the target counts as reached: someone (the CLI, another resource adopting the
      // same migration) went further. Going back in the *declaration* is refused by check.
      if (want <= stageIndex("prepare")) return { kind: "reached" };
      if (target.migrateData) return { kind: "run", step: "data" };
      return want === stageIndex("finalize") ? { kind: "run", step: "finalize" } : { kind: "reached" };
    case "data-migrated":
      return want <= stageIndex("data") ? { kind: "reached" } : { kind: "run", step: "finalize" };
    default:
      return { kind: "unknown" };
  }
}

/**
 * Every step the next `up` would run, assuming each succeeds: what `preview` shows. A
 * migration that is busy is followed as if its run ends in the status it is heading for.
 */
export function plannedSteps(status: MigrationStatus | undefined, target: PlanTarget, runningStep?: RunStep): RunStep[] | NextAction {
  const steps: RunStep[] = [];
  let current: MigrationStatus | undefined = status;
  if (current === "running" && runningStep) current = statusAfter(runningStep);
  if (current === "aborting") current = "aborted";
  for (let guard = 0; guard < 8; guard++) {
    const action = nextAction(current, target);
    if (action.kind === "reached") return steps;
    if (action.kind === "blocked" || action.kind === "wait" || action.kind === "unknown") return steps.length ? steps : action;
    const step: RunStep = action.kind === "create" ? "preflight" : action.step;
    steps.push(step);
    current = statusAfter(step);
  }
  throw new Error("transition planner did not converge");
}

/** Where a successful run of `step` leaves the migration. */
export function statusAfter(step: RunStep): MigrationStatus {
  switch (step) {
    case "preflight":
      return "preflight-success";
    case "prepare":
      return "prepared";
    case "data":
      return "data-migrated";
    case "finalize":
      return "done";
  }
}
