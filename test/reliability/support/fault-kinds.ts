import type { FaultRule, RequestLogEntry } from "../../../simulator";

/** The client timeout the short-timeout client uses; latency faults last longer than this. */
export const SHORT_TIMEOUT_MS = 1_000;

/**
 * One kind of misbehaviour, independent of where it is applied. `reachedHandler` says whether
 * a request hit by it was acted on by the server: that decides whether sending it again was
 * needed (never reached) or is a duplicate (reached, the answer was only lost).
 */
export interface FaultKind {
  name: string;
  rule: Omit<FaultRule, "method" | "path" | "region">;
  reachedHandler(entry: RequestLogEntry): boolean;
  /**
   * Only meaningful with a client whose timeout is SHORT_TIMEOUT_MS: the migrator driver's,
   * or the provider's given SCALINGO_HTTP_TIMEOUT_MS (its default is 30 s).
   */
  needsShortTimeout?: boolean;
}

export const FAULT_KINDS: readonly FaultKind[] = [
  {
    name: "5xx burst",
    rule: { status: 500, count: 3 },
    reachedHandler: () => false,
  },
  {
    name: "5xx after processing (lost answer)",
    // A proxy error page after the API acted: the answer is lost, the effect is not.
    rule: { status: 502, processFirst: true, count: 2 },
    reachedHandler: () => true,
  },
  {
    name: "drop before processing",
    rule: { drop: "before", count: 2 },
    reachedHandler: () => false,
  },
  {
    name: "drop after processing (lost answer)",
    rule: { drop: "after", count: 2 },
    reachedHandler: () => true,
  },
  {
    name: "latency above the client timeout",
    rule: { latencyMs: Math.round(SHORT_TIMEOUT_MS * 2.5), count: 1 },
    // The client gave up before the server looked at the request. The simulator then fails to
    // read the abandoned body (5xx); had it answered below 500, the request was acted on.
    reachedHandler: (entry) => entry.status > 0 && entry.status < 500,
    needsShortTimeout: true,
  },
];

/**
 * Whether the route's handler saw a request. Without a fault: unless the connection died
 * first (0) or the server refused it before routing (401 bad bearer, 429 rate limit). With
 * one: as its kind says.
 */
export function reachedHandler(entry: RequestLogEntry, kind?: FaultKind): boolean {
  if (!entry.fault) return ![0, 401, 429].includes(entry.status);
  if (entry.fault === "drop-before") return false;
  return kind ? kind.reachedHandler(entry) : entry.fault !== "error";
}
