import type { MigrationSnapshot } from "../../provider/migration/snapshot";
import type { MigrationStatus } from "../../provider/migration/stages";

/** A migration of my-app from osc-fr1 to osc-secnum-fr1 in the shared model, for unit tests. */
export function snapshot(status: MigrationStatus, overrides: Partial<MigrationSnapshot> = {}): MigrationSnapshot {
  return {
    id: "m-1",
    status,
    reachedStage: null,
    source: { region: "osc-fr1", appName: "my-app", appId: "app-1" },
    destination: { region: "osc-secnum-fr1", appName: "my-app", appId: null, url: null, gitUrl: null, dnsChanges: [] },
    steps: [],
    startedAt: "2026-01-01T00:00:00Z",
    finishedAt: null,
    redirectExpiresAt: null,
    ...overrides,
  };
}
