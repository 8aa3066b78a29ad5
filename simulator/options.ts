import type { FaultRule } from "./http/faults";
import type { ScriptedFailure } from "./migrations/scripted-failures";
import type { Profile } from "./migrations/step-durations";
import type { StepName } from "./migrations/types";
import type { WorldFixtures } from "./world/fixtures-schema";
import { ASYNC_TIMING_NAMES, type AsyncTimings } from "./world/public/async-timings";

export interface SimulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Fixtures object, or the path of a fixtures JSON file; default: the built-in world. */
  fixtures?: WorldFixtures | string;
  /** Save state to this file on every change and resume from it at start. */
  statePath?: string;
  /** Requests per window per account; 0 turns the limit off. Default 60. */
  rateLimitPerMinute?: number;
  /** Default 60000. */
  rateLimitWindowMs?: number;
  /** Bearer token lifetime; default 3600. */
  jwtTtlSeconds?: number;
  /** Default "fast". */
  profile?: Profile;
  /**
   * Spread step durations at random around each app's own, reproducibly: the same seed gives
   * every (app, step) the same factor (×0.5 to ×2, median 1). Without a seed there is no spread.
   */
  seed?: number;
  /** Total ms of each step's run, overriding the profile. */
  stepDurations?: Partial<Record<StepName, number>>;
  failures?: ScriptedFailure[];
  faults?: FaultRule[];
  /** Ms of the public API's asynchronous jobs (scale, addon, backup, deployment, one-off) and URL lifetime. */
  asyncTimings?: Partial<AsyncTimings>;
  /**
   * Keep every request whole (headers, query, bodies, answers) for `capturedRequests()`, so a
   * test can prove where credentials travel. Off by default: the capture holds them.
   */
  captureRequests?: boolean;
  /** Human-readable lines (requests, migration progress); never tokens. */
  log?: (line: string) => void;
}

export type ResolvedOptions = Required<Omit<SimulatorOptions, "fixtures" | "statePath" | "seed">> &
  Pick<SimulatorOptions, "fixtures" | "statePath" | "seed">;

/** Fills defaults and refuses values that cannot work, naming the option. */
export function resolveOptions(options: SimulatorOptions = {}): ResolvedOptions {
  const resolved: ResolvedOptions = {
    port: options.port ?? 0,
    host: options.host ?? "127.0.0.1",
    fixtures: options.fixtures,
    statePath: options.statePath,
    rateLimitPerMinute: options.rateLimitPerMinute ?? 60,
    rateLimitWindowMs: options.rateLimitWindowMs ?? 60_000,
    jwtTtlSeconds: options.jwtTtlSeconds ?? 3600,
    profile: options.profile ?? "fast",
    seed: options.seed,
    stepDurations: { ...options.stepDurations },
    failures: options.failures ?? [],
    faults: options.faults ?? [],
    asyncTimings: { ...options.asyncTimings },
    captureRequests: options.captureRequests ?? false,
    log: options.log ?? (() => undefined),
  };
  requireInteger("port", resolved.port, 0, 65535);
  requireInteger("rateLimitPerMinute", resolved.rateLimitPerMinute, 0);
  requireInteger("rateLimitWindowMs", resolved.rateLimitWindowMs, 1);
  requireInteger("jwtTtlSeconds", resolved.jwtTtlSeconds, 1);
  if (resolved.profile !== "fast" && resolved.profile !== "realistic") {
    throw new TypeError(`profile must be "fast" or "realistic", got ${JSON.stringify(resolved.profile)}`);
  }
  if (resolved.seed !== undefined) requireInteger("seed", resolved.seed, 0);
  requireStepDurations(resolved.stepDurations);
  requireAsyncTimings(resolved.asyncTimings);
  return resolved;
}

export function requireStepDurations(durations: Partial<Record<string, number>>): void {
  for (const [step, ms] of Object.entries(durations)) {
    if (!["preflight", "prepare", "data", "finalize", "abort"].includes(step)) {
      throw new TypeError(`stepDurations.${step}: unknown step (valid: preflight, prepare, data, finalize, abort)`);
    }
    if (typeof ms !== "number" || !Number.isFinite(ms) || ms < 0) {
      throw new TypeError(`stepDurations.${step} must be a number of milliseconds >= 0`);
    }
  }
}

export function requireAsyncTimings(timings: Partial<Record<string, number>>): void {
  for (const [name, ms] of Object.entries(timings)) {
    if (!(ASYNC_TIMING_NAMES as readonly string[]).includes(name)) {
      throw new TypeError(`asyncTimings.${name}: unknown timing (valid: ${ASYNC_TIMING_NAMES.join(", ")})`);
    }
    if (typeof ms !== "number" || !Number.isFinite(ms) || ms < 0) throw new TypeError(`asyncTimings.${name} must be a number of milliseconds >= 0`);
  }
}

function requireInteger(name: string, value: number, min: number, max = Number.MAX_SAFE_INTEGER): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new TypeError(`${name} must be an integer between ${min} and ${max}, got ${value}`);
  }
}
