import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { journalDirectory } from "../../migration/intent-journal";
import type { CopiedCount, ManualAction, StepProgress } from "../../migration/snapshot";
import type { MigrationStatus, RunStep, Stage } from "../../migration/stages";

/** One container type of the source, as it ran before the data step stopped it. */
export interface RecordedContainer {
  name: string;
  amount: number;
  size: string;
}

/**
 * Written just before `POST /v1/apps` on the destination, and only after a read of that name
 * found no app: the create's answer (the app id) may never arrive (kill -9), so abort must
 * know that an app of this name, in this region, may be ours. See prepare/app.ts for why an
 * app found under this name later is one this migration created.
 */
export interface CreateIntent {
  name: string;
  region: string;
  /** When the intent was written (ISO 8601), for people reading the record. */
  at: string;
}

/**
 * The client engine's migration, durably on this machine: Scalingo keeps no trace of it (there
 * is no migration object any more). Everything abort needs to put the source back (its
 * formation, the SCM flags the freeze turned off, which destination app is ours) is written
 * here BEFORE the change it undoes. It holds names, ids and counts, never a value: no
 * variable, token, key or URL.
 */
export interface ClientRecord {
  version: 1;
  /** A generated UUID: the `migrationId` output. */
  id: string;
  owner: string;
  app: string;
  sourceRegion: string;
  destinationRegion: string;
  dstAppName: string;
  source: { appId: string; appName: string };
  destination: { appId: string | null; url: string | null; gitUrl: string | null; createIntent?: CreateIntent | null };
  /** The source's custom domain names (for dnsChanges). */
  domainNames: string[];
  status: MigrationStatus;
  reachedStage: Stage | null;
  /** The step running, or the one that failed (resumed by the next `up`). */
  currentStep: RunStep | null;
  steps: StepProgress[];
  startedAt: string;
  finishedAt: string | null;
  /** When prepare ended: source events after it are drift (absent in records written before). */
  preparedAt?: string | null;
  /** The source formation before the data step scaled it to 0; null until recorded. */
  formation: RecordedContainer[] | null;
  /** What the freeze changed on the source, with the values to put back. */
  freeze: { scm: { autoDeployEnabled: boolean; deployReviewAppsEnabled: boolean } | null } | null;
  /** The destination deployment this engine started (never a second one while it builds). */
  deploymentId: string | null;
  /**
   * Per source addon id: the backup taken for the data step, and whether it was restored.
   * While its start is in flight, `backupId` is "" and `before` lists the backups that existed;
   * `restoreStarted` once a restore one-off may have been started, and `restoreOneOff` its label
   * once the start answered (a resumed run waits for that one, or reads the logs for its
   * sentinel, instead of starting a second restore into the same database).
   */
  backups: Record<string, { backupId: string; restored: boolean; before?: string[]; restoreStarted?: boolean; restoreOneOff?: string | null }>;
  manualActions: ManualAction[];
  copied: Record<string, CopiedCount>;
}

/** Where client-engine records live: beside the intent journal (PULUMI_SCALINGO_JOURNAL_DIR). */
export class ClientRecords {
  /** The directory is read when used (tests and separate stacks set PULUMI_SCALINGO_JOURNAL_DIR per run). */
  constructor(private readonly explicitDirectory?: string) {}

  private get directory(): string {
    return this.explicitDirectory ?? journalDirectory();
  }

  read(owner: string, app: string, sourceRegion: string): ClientRecord | undefined {
    let text: string;
    try {
      text = fs.readFileSync(this.file(owner, app, sourceRegion), "utf8");
    } catch {
      return undefined;
    }
    return JSON.parse(text) as ClientRecord;
  }

  /** Atomic: a temporary file, then a rename over the old one (a kill -9 leaves one or the other). */
  write(record: ClientRecord): void {
    fs.mkdirSync(this.directory, { recursive: true, mode: 0o700 });
    const file = this.file(record.owner, record.app, record.sourceRegion);
    const temporary = `${file}.${process.pid}.tmp`;
    const fd = fs.openSync(temporary, "w", 0o600);
    try {
      fs.writeSync(fd, JSON.stringify(record, null, 1));
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temporary, file);
  }

  /** The file of a resource's record (tests read it; people may too). */
  file(owner: string, app: string, sourceRegion: string): string {
    const key = createHash("sha256").update(`client\n${owner}\n${sourceRegion}\n${app}`).digest("hex").slice(0, 32);
    return path.join(this.directory, `client-${key}.json`);
  }
}
