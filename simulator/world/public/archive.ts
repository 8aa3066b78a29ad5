import { gzipSync } from "node:zlib";
import { Header, Parser } from "tar";

/** Gzip tarballs: code archives a deployment reads, and the dumps inside backup archives. */

export interface ArchiveEntry {
  path: string;
  content: Buffer;
}

const BLOCK = 512;

export function isGzip(data: Buffer): boolean {
  return data.length > 2 && data[0] === 0x1f && data[1] === 0x8b;
}

/** The regular files of a gzip tarball, or the error `tar` would print. */
export function readTarball(data: Buffer): { ok: true; entries: ArchiveEntry[]; topLevel: string[] } | { ok: false; error: string } {
  if (!isGzip(data)) return { ok: false, error: "gzip: stdin: not in gzip format" };
  const entries: ArchiveEntry[] = [];
  const topLevel = new Set<string>();
  const problems: string[] = [];
  const parser = new Parser({});
  parser.on("entry", (entry) => {
    const top = entry.path.replace(/^\.\//, "").split("/")[0];
    if (top) topLevel.add(top);
    const chunks: Buffer[] = [];
    entry.on("data", (chunk: Buffer) => chunks.push(chunk));
    entry.on("end", () => {
      if (entry.type === "File") entries.push({ path: entry.path.replace(/^\.\//, ""), content: Buffer.concat(chunks) });
    });
  });
  parser.on("warn", (_code: string, message: string | Error) => problems.push(String(message)));
  // The parser works synchronously on a whole buffer (gzip included).
  parser.end(data);
  if (entries.length === 0 && problems.length > 0) return { ok: false, error: `tar: ${problems[0]}` };
  return { ok: true, entries, topLevel: [...topLevel] };
}

/** A gzip tarball holding `files` (paths as given). */
export function writeTarball(files: ArchiveEntry[], mtime = new Date()): Buffer {
  const blocks: Buffer[] = [];
  for (const file of files) {
    const header = Buffer.alloc(BLOCK);
    new Header({ path: file.path, mode: 0o644, size: file.content.length, mtime, type: "File", uid: 0, gid: 0, uname: "scalingo", gname: "scalingo" }).encode(header, 0);
    blocks.push(header, file.content, Buffer.alloc((BLOCK - (file.content.length % BLOCK)) % BLOCK));
  }
  blocks.push(Buffer.alloc(BLOCK * 2));
  return gzipSync(Buffer.concat(blocks));
}

/** `web: npm start` lines of a Procfile. */
export function parseProcfile(text: string): Record<string, string> {
  const types: Record<string, string> = {};
  for (const line of text.split("\n")) {
    const match = /^([A-Za-z0-9_-]+):\s*(.+)$/.exec(line.trim());
    if (match) types[match[1]] = match[2].trim();
  }
  return types;
}
