// One app, its stage driven by stack config: `pulumi config set stage prepare && pulumi up`.
import * as pulumi from "@pulumi/pulumi";
import { AppMigration, type MigrationStage } from "pulumi-scalingo-migration";

const config = new pulumi.Config();

const migration = new AppMigration("my-app-to-secnum", {
  app: config.get("app") ?? "my-app",
  sourceRegion: config.get("sourceRegion") ?? "osc-fr1",
  destinationRegion: config.get("destinationRegion") ?? "osc-secnum-fr1",
  stage: (config.get("stage") ?? "create") as MigrationStage,
});

export const status = migration.status;
export const nextStep = migration.nextStep;
export const newAppUrl = migration.newAppUrl;
export const dnsChanges = migration.dnsChanges;
