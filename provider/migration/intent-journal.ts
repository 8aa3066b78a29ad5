import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

/**
 * A note, on this machine, that a given Pulumi resource asked Scalingo to create a migration.
 *
 * When `pulumi up` is killed while creating, Pulumi never learns the migration id. The next
 * `up` finds an in-flight migration of the same app and must decide: is it the one we started
 * (adopt it) or someone else's (another stack, a person with the CLI: refuse)? The API has no
 * field to tell; this journal does. It holds no secret: app, regions, migration id.
 */
export interface IntentRecord {
  owner: string;
  app: string;
  sourceRegion: string;
  destinationRegion: string;
  migrationId?: string;
  recordedAt: string;
}

export class IntentJournal {
  constructor(private readonly directory: string = journalDirectory()) {}

  read(owner: string, app: string, sourceRegion: string): IntentRecord | undefined {
    try {
      return JSON.parse(fs.readFileSync(this.file(owner, app, sourceRegion), "utf8")) as IntentRecord;
    } catch {
      return undefined;
    }
  }

  write(record: Omit<IntentRecord, "recordedAt">): void {
    fs.mkdirSync(this.directory, { recursive: true, mode: 0o700 });
    const file = this.file(record.owner, record.app, record.sourceRegion);
    const temporary = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, JSON.stringify({ ...record, recordedAt: new Date().toISOString() }));
    fs.renameSync(temporary, file);
  }

  forget(owner: string, app: string, sourceRegion: string): void {
    fs.rmSync(this.file(owner, app, sourceRegion), { force: true });
  }

  private file(owner: string, app: string, sourceRegion: string): string {
    const key = createHash("sha256").update(`${owner}\n${sourceRegion}\n${app}`).digest("hex").slice(0, 32);
    return path.join(this.directory, `${key}.json`);
  }
}

/** Where the journal lives: PULUMI_SCALINGO_JOURNAL_DIR, else under XDG_STATE_HOME (or ~/.local/state). */
export function journalDirectory(env: NodeJS.ProcessEnv = process.env): string {
  const explicit = env.PULUMI_SCALINGO_JOURNAL_DIR;
  if (explicit) return explicit;
  const stateHome = env.XDG_STATE_HOME || path.join(os.homedir(), ".local", "state");
  return path.join(stateHome, "pulumi-scalingo-migration", "intents");
}
