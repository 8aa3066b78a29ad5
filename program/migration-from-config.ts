/**
 * One app migration driven by stack config, so Scalingo's CLI steps map one to one onto
 * `pulumi config set stage … && pulumi up` (see README.md). Pulumi.yaml declares the keys;
 * optional ones default to "" there, which means "not set" here.
 */
import * as pulumi from "@pulumi/pulumi";
import { AppMigration, type MigrationStage } from "../provider";

export function migrationFromConfig(config: pulumi.Config = new pulumi.Config()) {
  const optional = (key: string) => config.get(key) || undefined;
  const app = config.require("app");
  const migration = new AppMigration(`${app}-migration`, {
    app,
    sourceRegion: optional("sourceRegion"),
    destinationRegion: config.require("destinationRegion"),
    newName: optional("newName"),
    stage: config.require("stage") as MigrationStage,
    migrateData: config.getBoolean("migrateData"),
    migrationId: optional("migrationId"),
    engine: optional("engine") as "auto" | "server" | "client" | undefined,
    sourceArchive: optional("sourceArchive"),
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
    engine: migration.engine,
    manualActions: migration.manualActions,
    copied: migration.copied,
  };
}
