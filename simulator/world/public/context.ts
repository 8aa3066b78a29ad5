import type { UrlSigner } from "../url-signer";
import type { World } from "../world";
import type { AsyncFailures } from "./async-failures";
import type { AsyncTimingSettings } from "./async-timings";

/** What the public-API operations work with: the world, their timings and scripted failures. */
export interface PublicContext {
  world: World;
  timings: AsyncTimingSettings;
  failures: AsyncFailures;
  signer: UrlSigner;
  now(): number;
}

export function isoAt(ms: number): string {
  return new Date(ms).toISOString();
}
