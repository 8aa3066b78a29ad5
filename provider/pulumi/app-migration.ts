import * as pulumi from "@pulumi/pulumi";
import type { DnsChange, StepProgress } from "../migration/snapshot";
import type { Stage } from "../migration/stages";
import { appMigrationProvider } from "./serialized-provider";

export type MigrationStage = Stage;

/** Each limit may itself come from another resource's output. */
export interface AppMigrationTimeouts {
  preflight?: pulumi.Input<string>;
  prepare?: pulumi.Input<string>;
  data?: pulumi.Input<string>;
  finalize?: pulumi.Input<string>;
  abort?: pulumi.Input<string>;
}

export interface AppMigrationArgs {
  /** Source app, name or id. */
  app: pulumi.Input<string>;
  /** The app's current region; defaults to SCALINGO_REGION. */
  sourceRegion?: pulumi.Input<string>;
  destinationRegion: pulumi.Input<string>;
  /** Name on the destination region (the CLI's --new-name); defaults to the source name. */
  newName?: pulumi.Input<string>;
  /** The last step that must have run: "create" | "prepare" | "data" | "finalize". */
  stage: pulumi.Input<MigrationStage>;
  /** Default true. False: you copy the data yourself between prepare and finalize. */
  migrateData?: pulumi.Input<boolean>;
  /** Adopt a migration started elsewhere (the Scalingo CLI, another tool). */
  migrationId?: pulumi.Input<string>;
  /** Per-step time limits such as "30m" or "2h" (defaults in the README). */
  timeouts?: pulumi.Input<AppMigrationTimeouts>;
}

export type MigrationStepOutput = StepProgress;

/**
 * A Scalingo region migration whose `stage` says how far it must have gone. `pulumi up`
 * runs the missing steps in order and waits for each; `pulumi destroy` aborts it.
 */
export class AppMigration extends pulumi.dynamic.Resource {
  declare readonly migrationId: pulumi.Output<string>;
  declare readonly status: pulumi.Output<string>;
  /** The last stage reached (null before the preflight passed); `stage` is the one asked for. */
  declare readonly reachedStage: pulumi.Output<MigrationStage | null>;
  declare readonly sourceRegion: pulumi.Output<string>;
  declare readonly destinationRegion: pulumi.Output<string>;
  declare readonly srcAppName: pulumi.Output<string>;
  declare readonly dstAppName: pulumi.Output<string>;
  declare readonly appId: pulumi.Output<string>;
  declare readonly newAppId: pulumi.Output<string | null>;
  declare readonly startedAt: pulumi.Output<string | null>;
  declare readonly finishedAt: pulumi.Output<string | null>;
  declare readonly steps: pulumi.Output<MigrationStepOutput[]>;
  declare readonly newAppUrl: pulumi.Output<string | null>;
  declare readonly gitUrl: pulumi.Output<string | null>;
  declare readonly dnsChanges: pulumi.Output<DnsChange[]>;
  declare readonly redirectExpiresAt: pulumi.Output<string | null>;
  /** What `stage` may be set to next; empty once done. */
  declare readonly nextStep: pulumi.Output<string>;

  constructor(name: string, args: AppMigrationArgs, opts?: pulumi.CustomResourceOptions) {
    const owner = `${pulumi.getProject()}/${pulumi.getStack()}/${name}`;
    super(
      appMigrationProvider,
      name,
      { ...OUTPUT_PLACEHOLDERS, ...args, owner },
      opts,
      "scalingo",
      "AppMigration",
    );
  }
}

/**
 * Declares the outputs (a dynamic resource learns its output properties from its props).
 * Spread before the args: several outputs share their name with an optional input.
 */
const OUTPUT_PLACEHOLDERS = Object.fromEntries(
  [
    "migrationId", "sourceRegion", "status", "reachedStage", "srcAppName", "dstAppName", "appId", "newAppId", "startedAt", "finishedAt",
    "steps", "newAppUrl", "gitUrl", "dnsChanges", "redirectExpiresAt", "nextStep",
  ].map((key) => [key, undefined]),
);
