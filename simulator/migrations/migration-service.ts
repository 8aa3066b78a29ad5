import { InvalidError, NotFoundError } from "../domain-errors";
import type { App } from "../world/types";
import type { World } from "../world/world";
import type { MigrationStore } from "./migration-store";
import type { RunScheduler } from "./run-scheduler";
import { canRun, isFinal } from "./transitions";
import { isStepName, STEP_NAMES, type Migration } from "./types";
import { APP_NAME_PATTERN } from "../world/fixtures-schema";
import { uuid } from "../world/ids";

export interface CreateMigrationInput {
  destination: string;
  /** Empty means "same name as the source app". */
  dstAppName: string;
}

/** The region-migration operations of the contract, on an app already resolved for the caller. */
export class MigrationService {
  constructor(
    private readonly world: World,
    private readonly migrations: MigrationStore,
    private readonly scheduler: RunScheduler,
  ) {}

  create(app: App, input: CreateMigrationInput): Migration {
    this.requireValidDestination(app, input.destination);
    if (input.dstAppName !== "" && !APP_NAME_PATTERN.test(input.dstAppName)) {
      throw new InvalidError("dst_app_name", "must be 3-48 lowercase letters, digits and dashes, starting with a letter");
    }
    if (this.migrations.forApp(app.id).some((m) => !isFinal(m.status))) {
      throw new InvalidError("app", "a region migration is already in progress");
    }
    const migration: Migration = {
      id: uuid(),
      appId: app.id,
      srcAppName: app.name,
      dstAppName: input.dstAppName === "" ? app.name : input.dstAppName,
      newAppId: null,
      source: app.region,
      destination: input.destination,
      status: "created",
      startedAt: new Date().toISOString(),
      finishedAt: null,
      steps: [],
      ownerId: app.ownerId,
      sourceStoppedByMigration: false,
      run: null,
    };
    this.migrations.add(migration);
    return migration;
  }

  /** Newest first, as a user wants to see them. */
  list(app: App): Migration[] {
    return [...this.migrations.forApp(app.id)].reverse();
  }

  show(app: App, id: string): Migration {
    const migration = this.migrations.get(id);
    if (!migration || migration.appId !== app.id) throw new NotFoundError("region_migration");
    return migration;
  }

  run(app: App, id: string, step: string): void {
    const migration = this.show(app, id);
    if (!isStepName(step)) {
      throw new InvalidError("step", `unknown step '${step}'; valid steps: ${STEP_NAMES.join(", ")}`);
    }
    // A repeated abort (a client retrying after a lost answer) must not start a second one.
    if (step === "abort" && migration.status === "aborting") return;
    if (!canRun(step, migration.status)) {
      throw new InvalidError("step", `cannot run '${step}' while the migration is '${migration.status}'`);
    }
    if (migration.run && step !== "abort") {
      throw new InvalidError("step", `cannot run '${step}' while the '${migration.run.step}' step is running`);
    }
    this.scheduler.interrupt(migration);
    this.scheduler.start(migration, step);
  }

  private requireValidDestination(app: App, destination: string): void {
    if (destination === "") throw new InvalidError("destination", "can't be blank");
    if (destination === app.region) {
      throw new InvalidError("destination", `must be different from the source region '${app.region}'`);
    }
    if (!this.world.region(destination)) {
      const known = this.world.regions().map((r) => r.name).join(", ");
      throw new InvalidError("destination", `'${destination}' is not a known region (known: ${known})`);
    }
  }
}
