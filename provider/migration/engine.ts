import type { MigrationSnapshot } from "./snapshot";
import type { MigrationSpec } from "./spec";
import type { RunStep, Stage } from "./stages";

/**
 * What moves an app between regions, seen from the Pulumi adapter. The first engine drives
 * Scalingo's region-migration API (provider/engines/server); another can do the work itself
 * behind the same four operations and the same snapshot.
 */
export interface MigrationEngine {
  /**
   * What the next `up` will do, worked out from the last snapshot (undefined: no migration
   * yet) without calling anything: what `preview` shows and `diff` decides on.
   */
  plan(target: PlanTarget, last: MigrationSnapshot | undefined): UpPlan;
  /**
   * Runs the missing steps until the declared stage is reached and returns the migration
   * there. Fails with a MigrationError that carries the last snapshot seen, when there is one.
   */
  advance(spec: MigrationSpec, previous: PreviousState): Promise<MigrationSnapshot>;
  /** Aborts the migration unless it is already final, and waits until it is aborted. */
  abort(spec: AbortSpec, known: { migrationId: string; status?: string }): Promise<void>;
  /** The migration as it is now, or undefined when it no longer exists. */
  read(spec: MigrationSpec, migrationId: string, reachedStage: Stage | null): Promise<MigrationSnapshot | undefined>;
  /**
   * Checks of a declaration that need the outside world (regions this account can use, a
   * migration to adopt), for the values known so far. Without credentials, or when nothing
   * answers, it finds no problem: the update reports what is wrong then.
   */
  checkDeclaration(declaration: Partial<Pick<MigrationSpec, "app" | "sourceRegion" | "destinationRegion" | "migrationId">>): Promise<DeclarationProblem[]>;
  /**
   * Per kind of object and per side, what the next `up` will create or change, from reads
   * only (what `preview` prints under the plan). Optional: an engine whose server decides has
   * nothing to add.
   */
  describeNextUp?(spec: MigrationSpec, last: MigrationSnapshot | undefined, plan: UpPlan): Promise<string[]>;
}

export type AbortSpec = Pick<MigrationSpec, "app" | "sourceRegion" | "destinationRegion" | "owner" | "timeouts">;

/** What the previous run left in state about this resource. */
export interface PreviousState {
  migrationId?: string;
  reachedStage: Stage | null;
}

export interface PlanTarget {
  stage: Stage;
  migrateData: boolean;
}

/** What the next `up` will do, assuming each step succeeds. */
export interface UpPlan {
  /** The declaration is met: the next `up` has nothing to do. */
  reached: boolean;
  /** A step found running, waited for before anything else. */
  waitFor?: RunStep;
  /** The steps the next `up` runs, in order. */
  steps: RunStep[];
  /** Why nothing can run until the user acts, when that is so. */
  blocked?: string;
}

/** A declared value the outside world refuses, named the way `check` reports it. */
export interface DeclarationProblem {
  property: "app" | "sourceRegion" | "destinationRegion" | "migrationId";
  reason: string;
}
