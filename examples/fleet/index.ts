// A fleet leaving a region in one program. All migrations share one provider process and so
// one request budget (just under Scalingo's 60 requests a minute): they never trip the limit.
// Run it with `pulumi up --parallel <count>`: Pulumi's default (4 × CPU cores) would move the
// apps in waves, each waiting for the slowest migration of the one before.
import * as pulumi from "@pulumi/pulumi";
import { AppMigration, type MigrationStage } from "pulumi-scalingo-migration";

const config = new pulumi.Config();
const count = config.getNumber("count") ?? 5;
// The number of the first app: several stacks can each move a slice of the fleet.
const first = config.getNumber("first") ?? 1;
const stage = (config.get("stage") ?? "finalize") as MigrationStage;

const apps = Array.from({ length: count }, (_, i) => `fleet-app-${String(first + i).padStart(2, "0")}`);

const migrations = apps.map(
  (app) =>
    new AppMigration(`${app}-to-secnum`, {
      app,
      sourceRegion: "osc-fr1",
      destinationRegion: "osc-secnum-fr1",
      stage,
    }),
);

export const statuses = pulumi.all(migrations.map((m) => m.status));
export const newAppUrls = pulumi.all(migrations.map((m) => m.newAppUrl));
