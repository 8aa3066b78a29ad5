import { ScalingoClient, type MigrationStepName, type RegionMigration, type RegionMigrationStatus } from "../../provider/client";

/**
 * The Scalingo CLI's way, for comparison: run each step, then look at the migration once a
 * second until it settles. No scheduler, no back-off beyond the client's own 429 retries.
 */
export async function runBaselineMigration(authUrl: string, apiToken: string, app: string): Promise<void> {
  const client = new ScalingoClient({ apiToken, authUrl, retries: 20, retryBaseDelayMs: 1_000 });
  let migration = await client.createMigration("osc-fr1", app, { destination: "osc-secnum-fr1", dstAppName: "" });
  for (const step of ["preflight", "prepare", "data", "finalize"] as MigrationStepName[]) {
    await client.runMigrationStep("osc-fr1", app, migration.id, step);
    migration = await pollEverySecond(client, app, migration);
  }
}

async function pollEverySecond(client: ScalingoClient, app: string, before: RegionMigration): Promise<RegionMigration> {
  const from: RegionMigrationStatus = before.status;
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const current = await client.getMigration("osc-fr1", app, before.id);
    if (current.status !== from && current.status !== "running" && current.status !== "created") return current;
  }
}
