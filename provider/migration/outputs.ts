import { nextStepHint } from "./messages";
import type { CopiedCount, DnsChange, ManualAction, MigrationSnapshot, StepProgress } from "./snapshot";
import type { EngineKind, MigrationSpec } from "./spec";
import type { MigrationStatus, Stage } from "./stages";

export type { DnsChange } from "./snapshot";

/** The resource's outputs: plain JSON, no `undefined` anywhere (absent values are null). */
export interface MigrationOutputs {
  migrationId: string;
  status: string;
  /** The last stage reached; null before the preflight passed. (The input `stage` is the target.) */
  reachedStage: Stage | null;
  app: string;
  sourceRegion: string;
  destinationRegion: string;
  newName: string;
  migrateData: boolean;
  srcAppName: string;
  dstAppName: string;
  appId: string;
  newAppId: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  steps: StepProgress[];
  newAppUrl: string | null;
  gitUrl: string | null;
  dnsChanges: DnsChange[];
  redirectExpiresAt: string | null;
  nextStep: string;
  /** Which engine does the migration: picked once, at create; "server" for states from before. */
  engine: EngineKind;
  manualActions: ManualAction[];
  copied: Record<string, CopiedCount>;
}

type DeclaredNames = Pick<MigrationSpec, "app" | "sourceRegion" | "destinationRegion" | "newName" | "migrateData">;

export function buildOutputs(spec: DeclaredNames, snapshot: MigrationSnapshot): MigrationOutputs {
  const { source, destination } = snapshot;
  return {
    migrationId: snapshot.id,
    status: snapshot.status,
    reachedStage: snapshot.reachedStage,
    app: spec.app,
    sourceRegion: spec.sourceRegion,
    destinationRegion: spec.destinationRegion,
    newName: spec.newName,
    migrateData: spec.migrateData,
    srcAppName: source.appName,
    dstAppName: destination.appName,
    appId: source.appId,
    newAppId: destination.appId,
    startedAt: snapshot.startedAt,
    finishedAt: snapshot.finishedAt,
    steps: snapshot.steps.map((s) => ({ id: s.id, name: s.name, status: s.status, logs: s.logs })),
    newAppUrl: destination.url,
    gitUrl: destination.gitUrl,
    dnsChanges: destination.dnsChanges,
    redirectExpiresAt: snapshot.redirectExpiresAt,
    nextStep: nextStepHint(snapshot.status, destination.region, snapshot.engine ?? "server"),
    engine: snapshot.engine ?? "server",
    manualActions: snapshot.manualActions ?? [],
    copied: snapshot.copied ?? {},
  };
}

/**
 * The snapshot stored outputs describe, for planning from state without calling anything.
 * The regions are the declared ones: the ones the migration was made with.
 */
export function snapshotFromOutputs(outputs: MigrationOutputs): MigrationSnapshot {
  return {
    id: outputs.migrationId,
    status: outputs.status as MigrationStatus,
    reachedStage: outputs.reachedStage,
    source: { region: outputs.sourceRegion, appName: outputs.srcAppName, appId: outputs.appId },
    destination: {
      region: outputs.destinationRegion,
      appName: outputs.dstAppName,
      appId: outputs.newAppId,
      url: outputs.newAppUrl,
      gitUrl: outputs.gitUrl,
      dnsChanges: outputs.dnsChanges,
    },
    steps: outputs.steps,
    startedAt: outputs.startedAt,
    finishedAt: outputs.finishedAt,
    redirectExpiresAt: outputs.redirectExpiresAt,
    engine: outputs.engine ?? "server",
    manualActions: outputs.manualActions ?? [],
    copied: outputs.copied ?? {},
  };
}
