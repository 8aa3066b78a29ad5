// Migrating under another name: my-app on osc-fr1 becomes my-app-secnum on osc-secnum-fr1
// (the Scalingo CLI's `migration-create --new-name`).
import * as pulumi from "@pulumi/pulumi";
import { AppMigration, type MigrationStage } from "pulumi-scalingo-migration";

const config = new pulumi.Config();

const migration = new AppMigration("my-app-renamed", {
  app: "my-app",
  sourceRegion: "osc-fr1",
  destinationRegion: "osc-secnum-fr1",
  newName: config.get("newName") ?? "my-app-secnum",
  stage: (config.get("stage") ?? "finalize") as MigrationStage,
});

export const dstAppName = migration.dstAppName;
export const newAppUrl = migration.newAppUrl;
export const gitUrl = migration.gitUrl;
