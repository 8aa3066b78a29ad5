import { addonKind } from "../addon-catalog";
import type { Addon, App, Backup, DatabaseDocument, Source } from "../types";
import type { World } from "../world";
import { writeTarball } from "./archive";
import type { PublicContext } from "./context";

/**
 * The object storage behind pre-signed URLs (`/_storage/…` on the simulator's host): uploaded
 * code archives and backup archives. Server-side readers (a deployment, a restore one-off)
 * resolve these URLs here, with the same signature and expiry checks as an HTTP client gets.
 */

export const STORAGE_PREFIX = "/_storage";
const DUMP_MAGIC = "SIMDUMP";

export function sourcePath(source: Source): string {
  return `${STORAGE_PREFIX}/sources/${source.id}`;
}

export function backupPath(backup: Backup): string {
  return `${STORAGE_PREFIX}/backups/${backup.id}`;
}

export type StoredObject =
  | { kind: "source"; source: Source }
  | { kind: "backup"; app: App; addon: Addon; backup: Backup };

export function storedObject(world: World, path: string): StoredObject | undefined {
  const match = /^\/_storage\/(sources|backups)\/([^/]+)$/.exec(path);
  if (!match) return undefined;
  if (match[1] === "sources") {
    const source = world.current.sources.find((s) => s.id === match[2]);
    return source ? { kind: "source", source } : undefined;
  }
  for (const app of world.current.apps) {
    for (const addon of app.addons) {
      const backup = addon.backups.find((b) => b.id === match[2]);
      if (backup) return { kind: "backup", app, addon, backup };
    }
  }
  return undefined;
}

/** The bytes an HTTP GET of this object gives, or null when there are none (yet). */
export function objectBytes(object: StoredObject): Buffer | null {
  if (object.kind === "source") return object.source.archive === null ? null : Buffer.from(object.source.archive, "base64");
  if (object.backup.status !== "done" || object.backup.snapshot === null) return null;
  return backupArchive(object.backup);
}

export function backupArchive(backup: Backup): Buffer {
  const extension = addonKind(backup.engine).dumpFile.split(".").pop() ?? "dump";
  const content = Buffer.from(`${DUMP_MAGIC} ${backup.engine}\n${JSON.stringify(backup.snapshot ?? [])}\n`);
  return writeTarball([{ path: `${backup.name}/${backup.name}.${extension}`, content }], new Date(backup.createdAt));
}

/** A dump file's engine and records, or null when the file is not one of the simulator's dumps. */
export function readDump(content: Buffer): { engine: string; documents: DatabaseDocument[] } | null {
  const text = content.toString("utf8");
  const match = new RegExp(`^${DUMP_MAGIC} ([a-z-]+)\\n([\\s\\S]*)$`).exec(text);
  if (!match) return null;
  try {
    return { engine: match[1], documents: JSON.parse(match[2]) as DatabaseDocument[] };
  } catch {
    return null;
  }
}

export type FetchResult = { ok: true; body: Buffer } | { ok: false; status: number; error: string };

/**
 * What a container's `curl`/`wget` of `rawUrl` gets: only the simulator's own storage is
 * reachable (there is no network); signatures and expiry are checked as for any client.
 */
export function fetchUrl(ctx: PublicContext, rawUrl: string): FetchResult {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return { ok: false, status: 0, error: `URL rejected: Malformed input to a URL function` };
  }
  if (!["127.0.0.1", "localhost", "[::1]"].includes(url.hostname) || !url.pathname.startsWith(`${STORAGE_PREFIX}/`)) {
    return { ok: false, status: 0, error: `Could not resolve host: ${url.hostname}` };
  }
  const verdict = ctx.signer.check("GET", url.pathname, url.searchParams, ctx.now());
  if (verdict !== "ok") return { ok: false, status: 403, error: verdict === "expired" ? "Request has expired" : "SignatureDoesNotMatch" };
  const object = storedObject(ctx.world, url.pathname);
  const body = object ? objectBytes(object) : null;
  if (!body) return { ok: false, status: 404, error: "NoSuchKey" };
  return { ok: true, body };
}
