import type { CopiedCount } from "../../migration/snapshot";

/** What one reconcile did with each object of a kind: names only, never values. */
export interface Tally {
  /** Present on the destination as on the source (created now, or found already there). */
  copied: string[];
  /** Left out, each with why: "<name>: <reason>". */
  skipped: string[];
}

export function newTally(): Tally {
  return { copied: [], skipped: [] };
}

export function countCopied(tally: Tally): CopiedCount {
  return { copied: tally.copied.length, skipped: tally.skipped.length, why: [...tally.skipped] };
}
