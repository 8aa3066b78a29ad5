import { createHash } from "node:crypto";
import type { StepName } from "./types";

/**
 * Chance in step durations. The profiles give one figure per step, and each app scales its
 * data step by the size of its databases (world/data-size.ts); with a seed, every (app, step)
 * also gets a random factor of its own, the same for the same seed, so that a provider tuned
 * against identical apps cannot look better here than it is.
 */

/** Spread of the random factor: log-normal, median 1, two in three within ×0.74–×1.35. */
const SIGMA = 0.3;
/** Bounds: a step never takes less than half, nor more than twice, what its app would. */
const MIN_FACTOR = 0.5;
const MAX_FACTOR = 2;

/**
 * The random factor of each (app, step), derived from the seed by hashing, so that it does
 * not depend on the order migrations run in. Without a seed, every factor is 1.
 */
export class DurationSpread {
  constructor(readonly seed: number | undefined) {}

  factor(appName: string, step: StepName): number {
    if (this.seed === undefined) return 1;
    const digest = createHash("sha256").update(`${this.seed}\n${appName}\n${step}`).digest();
    // Two uniforms in (0, 1), then Box–Muller for a standard normal.
    const u1 = (digest.readUInt32BE(0) + 0.5) / 2 ** 32;
    const u2 = (digest.readUInt32BE(4) + 0.5) / 2 ** 32;
    const normal = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    return Math.min(MAX_FACTOR, Math.max(MIN_FACTOR, Math.exp(SIGMA * normal)));
  }
}
