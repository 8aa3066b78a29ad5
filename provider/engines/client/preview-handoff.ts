import type { SourceReader } from "./preview";
import { readOnce } from "./read-once";

/**
 * The source lists a preview read, handed to the run that follows in the same provider
 * process. During `pulumi up` the engine checks a new resource (and the preview lists, per
 * kind, what the up will change) moments before it creates it: without this hand-off every
 * list of the source would be read twice in one `up`. A `pulumi preview` alone leaves them
 * unused; they go with its process. Older than HANDOFF_MS, they are read again.
 */
const HANDOFF_MS = 10 * 60_000;

interface Handoff {
  at: number;
  reads: Map<string, Promise<unknown>>;
}

const pending = new Map<string, Handoff>();

function keyOf(owner: string, sourceRegion: string, app: string): string {
  return `${owner}\n${sourceRegion}\n${app}`;
}

/** A reader for the preview of this resource's next up; what it reads is kept for that up. */
export function previewReader(owner: string, sourceRegion: string, app: string): SourceReader {
  const handoff: Handoff = { at: Date.now(), reads: new Map() };
  pending.set(keyOf(owner, sourceRegion, app), handoff);
  return <T>(key: string, read: () => Promise<T>): Promise<T> => readOnce(handoff.reads, key, read);
}

/** The reads this process's preview of the resource made, if recent; each is handed over once. */
export function takePreviewReads(owner: string, sourceRegion: string, app: string): ReadonlyMap<string, Promise<unknown>> | undefined {
  const key = keyOf(owner, sourceRegion, app);
  const handoff = pending.get(key);
  pending.delete(key);
  if (!handoff || Date.now() - handoff.at > HANDOFF_MS) return undefined;
  return handoff.reads;
}
