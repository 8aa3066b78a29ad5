import type { App, Domain, RegionMigration } from "../client/types";
import { nextStepHint } from "./messages";
import type { MigrationSpec } from "./spec";
import { type Stage, stageProvenBy } from "./stages";

/** After `done`, the old region keeps redirecting traffic for this long. */
const REDIRECT_DAYS = 30;

export interface DnsChange {
  domain: string;
  type: "CNAME";
  target: string;
}

/** The resource's outputs: plain JSON, no `undefined` anywhere (absent values are null). */
export interface MigrationOutputs {
  migrationId: string;
  status: string;
  /** The last stage reached; null before the preflight passed. */
  stage: Stage | null;
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
  steps: { id: string; name: string; status: string; logs: string | null }[];
  newAppUrl: string | null;
  gitUrl: string | null;
  dnsChanges: DnsChange[];
  redirectExpiresAt: string | null;
  nextStep: string;
}

export interface DestinationDetails {
  app: App;
  domains: Domain[];
}

export function buildOutputs(
  spec: Pick<MigrationSpec, "app" | "sourceRegion" | "destinationRegion" | "newName" | "migrateData">,
  migration: RegionMigration,
  previousStage: Stage | null,
  destination?: DestinationDetails,
): MigrationOutputs {
  const done = migration.status === "done";
  return {
    migrationId: migration.id,
    status: migration.status,
    stage: stageProvenBy(migration.status) ?? (migration.status === "aborted" ? null : previousStage),
    app: spec.app,
    sourceRegion: spec.sourceRegion,
    destinationRegion: spec.destinationRegion,
    newName: spec.newName,
    migrateData: spec.migrateData,
    srcAppName: migration.srcAppName,
    dstAppName: migration.dstAppName,
    appId: migration.appId,
    newAppId: migration.newAppId,
    startedAt: migration.startedAt || null,
    finishedAt: migration.finishedAt,
    steps: migration.steps.map((s) => ({ id: s.id, name: s.name, status: s.status, logs: s.logs })),
    newAppUrl: done && destination ? destination.app.baseUrl || destination.app.url : null,
    gitUrl: done && destination ? destination.app.gitUrl : null,
    dnsChanges: done && destination ? dnsChanges(destination) : [],
    redirectExpiresAt: done && migration.finishedAt ? addDays(migration.finishedAt, REDIRECT_DAYS) : null,
    nextStep: nextStepHint(migration.status, migration.destination),
  };
}

/** Custom domains must now point at the new app's default host (Scalingo's own advice). */
function dnsChanges({ app, domains }: DestinationDetails): DnsChange[] {
  const target = hostOf(app.baseUrl || app.url);
  if (!target) return [];
  return domains
    .filter((d) => !d.name.endsWith(".scalingo.io"))
    .map((d) => ({ domain: d.name, type: "CNAME" as const, target }));
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return "";
  }
}

function addDays(iso: string, days: number): string | null {
  const time = Date.parse(iso);
  return Number.isNaN(time) ? null : new Date(time + days * 86_400_000).toISOString();
}
