import type { EngineKind } from "./spec";
import type { MigrationStatus, Stage } from "./stages";

/**
 * A migration as any engine describes it, whatever does the work (Scalingo's servers, or this
 * provider itself): what the Pulumi adapter stores, shows and plans from. No engine's wire
 * types appear here.
 */
export interface MigrationSnapshot {
  id: string;
  status: MigrationStatus;
  /** The last stage reached; null before the preflight passed. */
  reachedStage: Stage | null;
  source: { region: string; appName: string; appId: string };
  destination: DestinationApp;
  /** Progress of what the migration did, oldest first. */
  steps: StepProgress[];
  startedAt: string | null;
  finishedAt: string | null;
  /** Until when the source region forwards the app's traffic; null before done (and always, with the client engine). */
  redirectExpiresAt: string | null;
  /** Which engine does this migration; absent in snapshots of states written before there were two. */
  engine?: EngineKind;
  /** What a person must still do by hand (client engine). */
  manualActions?: ManualAction[];
  /** Per kind of object, what the client engine copied and skipped: names and counts, never values. */
  copied?: Record<string, CopiedCount>;
}

export interface ManualAction {
  /** Stable across runs (e.g. "dns:shop.example.com"): a list a person can tick off. */
  id: string;
  action: string;
  why: string;
  /** True when the migration cannot go on until it is done. */
  blocking: boolean;
}

export interface CopiedCount {
  copied: number;
  skipped: number;
  /** Why each skipped one was skipped, by name: "pending invitation", "addon-owned", … */
  why: string[];
}

export interface StepProgress {
  id: string;
  name: string;
  status: "running" | "done" | "error";
  logs: string | null;
}

/** The app on the destination region; its addresses are known once the migration is done. */
export interface DestinationApp {
  region: string;
  appName: string;
  /** Null until the destination app exists. */
  appId: string | null;
  url: string | null;
  gitUrl: string | null;
  dnsChanges: DnsChange[];
}

export interface DnsChange {
  domain: string;
  type: "CNAME";
  target: string;
}
