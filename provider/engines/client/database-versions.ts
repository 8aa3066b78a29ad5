/**
 * Database versions compared as the migration needs: the destination's new database gets the
 * region's default version (no version can be picked through the public API, contract §2.9),
 * and a dump restores forward, never backward.
 */

/** The numbers of a version such as `15.4.0` or `8.0.36-1` (what follows a dash is a build). */
function numbers(version: string): number[] {
  return (version.split("-")[0] ?? "").split(".").map((part) => Number.parseInt(part, 10)).map((n) => (Number.isNaN(n) ? 0 : n));
}

/** Negative when `a` is older than `b`, 0 when equal, positive when newer (missing parts count as 0). */
export function compareVersions(a: string, b: string): number {
  const [x, y] = [numbers(a), numbers(b)];
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const difference = (x[i] ?? 0) - (y[i] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}

export type VersionVerdict = "same" | "upgrade" | "downgrade";

/** What moving a database from `source` to a new one on `destination` does to its version. */
export function versionVerdict(source: string, destination: string): VersionVerdict {
  const order = compareVersions(source, destination);
  return order === 0 ? "same" : order < 0 ? "upgrade" : "downgrade";
}
