export { AppMigration } from "./pulumi/app-migration";
export type { AppMigrationArgs, AppMigrationTimeouts, MigrationStage, MigrationStepOutput } from "./pulumi/app-migration";
export type { DnsChange, MigrationOutputs } from "./migration/outputs";
export * as scalingo from "./client";
