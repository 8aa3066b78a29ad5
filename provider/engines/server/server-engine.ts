import { ScalingoConfigError, ScalingoNotFoundError } from "../../client/errors";
import type { ScalingoClient } from "../../client/scalingo-client";
import type { AbortSpec, DeclarationProblem, MigrationEngine, PlanTarget, PreviousState, UpPlan } from "../../migration/engine";
import { nextStepHint } from "../../migration/messages";
import type { MigrationSnapshot } from "../../migration/snapshot";
import type { MigrationSpec } from "../../migration/spec";
import type { Stage } from "../../migration/stages";
import { Migrator, type MigratorDeps } from "./migrator";
import { nextAction, plannedSteps } from "./planner";
import { runningStepOf } from "./run-classifier";

export interface ServerEngineDeps extends Omit<MigratorDeps, "client"> {
  /**
   * The Scalingo client, built on first use: planning needs none, and a preview may run
   * without credentials (it throws ScalingoConfigError then).
   */
  client: () => ScalingoClient;
}

/**
 * The first engine: Scalingo's region-migration API does the work on its servers; this
 * engine sends each step, watches it, and reconciles what it sees (see Migrator).
 */
export class ServerEngine implements MigrationEngine {
  constructor(
    private readonly deps: ServerEngineDeps,
    private readonly resourceName: string,
  ) {}

  plan(target: PlanTarget, last: MigrationSnapshot | undefined): UpPlan {
    const status = last?.status;
    const reached = nextAction(status, target).kind === "reached";
    const waitFor = last?.status === "running" ? runningStepOf(last, target.migrateData) : undefined;
    const planned = plannedSteps(status, target, waitFor);
    if (Array.isArray(planned)) return { reached, steps: planned, ...(waitFor ? { waitFor } : {}) };
    // Waiting without a step to name, or a status this version does not know: nothing to say.
    return { reached, steps: [], ...(planned.kind === "blocked" ? { blocked: nextStepHint(status, last!.destination.region) } : {}) };
  }

  advance(spec: MigrationSpec, previous: PreviousState): Promise<MigrationSnapshot> {
    return this.migrator().advance(spec, previous);
  }

  abort(spec: AbortSpec, known: { migrationId: string; status?: string }): Promise<void> {
    return this.migrator().abort(spec, known);
  }

  read(spec: MigrationSpec, migrationId: string, reachedStage: Stage | null): Promise<MigrationSnapshot | undefined> {
    return this.migrator().read(spec, migrationId, reachedStage);
  }

  async checkDeclaration(declaration: Partial<Pick<MigrationSpec, "app" | "sourceRegion" | "destinationRegion" | "migrationId">>): Promise<DeclarationProblem[]> {
    const client = this.optionalClient();
    if (!client) return [];
    const problems: DeclarationProblem[] = [];
    for (const property of ["sourceRegion", "destinationRegion"] as const) {
      const region = declaration[property];
      if (region === undefined) continue;
      try {
        await client.requireRegion(region, property);
      } catch (error) {
        if (error instanceof ScalingoConfigError) problems.push({ property, reason: error.message });
        else return problems; // Scalingo unreachable: the update itself will say so.
      }
    }
    const { app, sourceRegion, migrationId } = declaration;
    if (app && sourceRegion && migrationId && !problems.length) {
      const notFound = { property: "migrationId" as const, reason: `migrationId '${migrationId}' is not a region migration of app '${app}' in ${sourceRegion}: check the id (scalingo --app ${app} migrations lists them)` };
      try {
        if (!(await client.findMigration(sourceRegion, app, migrationId, "read"))) problems.push(notFound);
      } catch (error) {
        // The app itself is not there; anything else (unreachable, refused) the update reports.
        if (error instanceof ScalingoNotFoundError) problems.push(notFound);
      }
    }
    return problems;
  }

  private migrator(): Migrator {
    return new Migrator({ ...this.deps, client: this.deps.client() }, this.resourceName);
  }

  /** A client when credentials exist; the online checks are optional offline. */
  private optionalClient(): ScalingoClient | undefined {
    try {
      return this.deps.client();
    } catch (error) {
      if (error instanceof ScalingoConfigError) return undefined;
      throw error;
    }
  }
}
