/**
 * One app migration driven by stack
 * config, so Scalingo's CLI steps map one to one onto `pulumi config set stage … && pulumi up`.
 *
 *   pulumi config set app my-app
 *   pulumi config set destinationRegion osc-secnum-fr1
 *   pulumi config set stage create      # migration-create
 *   pulumi config set stage prepare     # migration-run --prepare
 *   pulumi config set stage data        # migration-run --data
 *   pulumi config set stage finalize    # migration-run --finalize
 *   pulumi destroy                      # migration-abort
 */
import * as pulumi from "@pulumi/pulumi";
import { AppMigration, type MigrationStage } from "../provider";

export function migrationFromConfig(config: pulumi.Config = new pulumi.Config()) {
  const app = config.require("app");
  const migration = new AppMigration(`${app}-migration`, {
    app,
    sourceRegion: config.get("sourceRegion"),
    destinationRegion: config.require("destinationRegion"),
    newName: config.get("newName"),
    stage: config.require("stage") as MigrationStage,
    migrateData: config.getBoolean("migrateData"),
    migrationId: config.get("migrationId"),
  });
  return {
    migrationId: migration.migrationId,
    status: migration.status,
    reachedStage: migration.reachedStage,
    nextStep: migration.nextStep,
    newAppUrl: migration.newAppUrl,
    gitUrl: migration.gitUrl,
    dnsChanges: migration.dnsChanges,
    redirectExpiresAt: migration.redirectExpiresAt,
  };
}
