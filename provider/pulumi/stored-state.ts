import { buildOutputs, snapshotFromOutputs, type MigrationOutputs } from "../migration/outputs";
import type { MigrationSnapshot } from "../migration/snapshot";
import type { EngineKind, MigrationSpec } from "../migration/spec";
import { isStage, type Stage } from "../migration/stages";
import { toSpec, type CheckedInputs } from "./inputs";

/**
 * What the stack keeps for an AppMigration: the outputs, plus the inputs that diff, read and
 * delete need (they receive the stored outputs only). States written before the output was
 * renamed `reachedStage` hold the stage reached as `stage`.
 */
export type StoredOutputs = MigrationOutputs & { targetStage: Stage; timeouts: CheckedInputs["timeouts"]; owner: string; __provider?: string; stage?: unknown };

type Declaration = Pick<StoredOutputs, "targetStage" | "timeouts" | "owner">;

/** The outputs of a snapshot, with the declaration they were reached for. */
export function stored(spec: MigrationSpec, snapshot: MigrationSnapshot, inputs: CheckedInputs): StoredOutputs {
  const declaration: Declaration = { targetStage: inputs.stage, timeouts: inputs.timeouts ?? {}, owner: inputs.owner ?? "" };
  return { ...buildOutputs(spec, snapshot), ...declaration };
}

/** A refresh keeps the declaration of the state it refreshes. */
export function refreshed(state: StoredOutputs, snapshot: MigrationSnapshot): StoredOutputs {
  return stored(specOf(state), snapshot, { ...state, stage: state.targetStage, engine: engineOf(state), sourceArchive: "", certificates: {} });
}

export function specOf(state: StoredOutputs): MigrationSpec {
  return toSpec({ ...state, stage: state.targetStage ?? "create", engine: engineOf(state), sourceArchive: "", certificates: {} } as CheckedInputs);
}

/** The engine a stored migration was made with: states from before there were two are the server's. */
export function engineOf(state: Partial<StoredOutputs>): EngineKind {
  return state.engine === "client" ? "client" : "server";
}

export function reachedStageOf(state: StoredOutputs): Stage | null {
  const reached = state.reachedStage === undefined ? state.stage : state.reachedStage;
  return isStage(reached) ? reached : null;
}

export function snapshotOfState(state: StoredOutputs): MigrationSnapshot {
  return { ...snapshotFromOutputs(state), reachedStage: reachedStageOf(state) };
}
