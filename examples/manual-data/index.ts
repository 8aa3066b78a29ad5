// Copy the data yourself (large volumes, a version change), between prepare and finalize,
// in one `pulumi up`:
//   1. `prepared` runs create + prepare with migrateData: false;
//   2. `copy-data` runs your own copy once the new app exists (a @pulumi/command local.Command);
//   3. `finalized` adopts the same migration and finalizes it, only after the copy succeeded.
import * as pulumi from "@pulumi/pulumi";
import * as command from "@pulumi/command";
import { AppMigration } from "pulumi-scalingo-migration";

const config = new pulumi.Config();
const copyScript = config.get("copyScript") ?? "echo copying data of $SOURCE_APP to $NEW_APP_ID";

const prepared = new AppMigration("my-app-prepared", {
  app: "my-app",
  sourceRegion: "osc-fr1",
  destinationRegion: "osc-secnum-fr1",
  stage: "prepare",
  migrateData: false,
});

const copyData = new command.local.Command(
  "copy-data",
  {
    create: copyScript,
    environment: { SOURCE_APP: prepared.srcAppName, NEW_APP_ID: prepared.newAppId.apply((id) => id ?? "") },
    triggers: [prepared.migrationId],
  },
  { dependsOn: [prepared] },
);

const finalized = new AppMigration(
  "my-app-finalized",
  {
    app: "my-app",
    sourceRegion: "osc-fr1",
    destinationRegion: "osc-secnum-fr1",
    stage: "finalize",
    migrateData: false,
    migrationId: prepared.migrationId,
  },
  { dependsOn: [copyData] },
);

export const copyOutput = copyData.stdout;
export const newAppUrl = finalized.newAppUrl;
