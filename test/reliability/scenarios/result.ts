import type { RequestLogEntry } from "../../../simulator";
import { DEMO_TOKEN } from "../../support/simulator-env";
import type { DriveResult } from "../support/migrator-driver";
import { auditWrites, duplicatesIn, faultsIn } from "../support/request-audit";
import { leakCount } from "../support/secret-scan";
import { STEPS_TO_FINALIZE } from "../support/declarations";

/**
 * What one scenario proved, in the counts the reliability report adds up. Tests assert on it;
 * scripts/reliability.ts prints and sums it.
 */
export interface ScenarioResult {
  name: string;
  migrationsIntended: number;
  migrationsCompleted: number;
  faultsInjected: number;
  duplicateCreates: number;
  duplicateRuns: number;
  /** Artifacts (request log, outputs, progress lines, errors) holding a credential. */
  tokenLeaks: number;
  /** Why a migration did not complete, as the user would have read it. */
  failure?: string;
  /** What the scenario saw besides the counts above (429s, exchanges, messages), for its test. */
  evidence?: Record<string, number | string>;
}

export interface Drive {
  app: string;
  result: DriveResult;
}

export function judge(options: {
  name: string;
  entries: readonly RequestLogEntry[];
  drives: readonly Drive[];
  /** Whether a logged request reached the server's handler (default: it was answered). */
  reached?: (entry: RequestLogEntry) => boolean;
  /** Extra things to scan for credentials (engine output, exported state). */
  artifacts?: readonly unknown[];
  evidence?: Record<string, number | string>;
}): ScenarioResult {
  let duplicateCreates = 0;
  let duplicateRuns = 0;
  for (const app of new Set(options.drives.map((d) => d.app))) {
    const duplicates = duplicatesIn(auditWrites(options.entries, app, options.reached), STEPS_TO_FINALIZE);
    duplicateCreates += duplicates.duplicateCreates;
    duplicateRuns += duplicates.duplicateRuns;
  }
  const failed = options.drives.find((d) => d.result.outputs?.status !== "done");
  const artifacts = [options.entries, ...options.drives.flatMap((d) => [d.result.outputs, d.result.logs, d.result.error]), ...(options.artifacts ?? [])];
  return {
    name: options.name,
    migrationsIntended: options.drives.length,
    migrationsCompleted: options.drives.filter((d) => d.result.outputs?.status === "done").length,
    faultsInjected: faultsIn(options.entries),
    duplicateCreates,
    duplicateRuns,
    tokenLeaks: leakCount(artifacts.filter((a) => a !== undefined), [DEMO_TOKEN]),
    ...(failed ? { failure: describeFailure(failed.result) } : {}),
    ...(options.evidence ? { evidence: options.evidence } : {}),
  };
}

function describeFailure(result: DriveResult): string {
  if (result.error instanceof Error) return result.error.message.slice(0, 400);
  if (result.error !== undefined) return String(result.error).slice(0, 400);
  return `ended ${String(result.outputs?.status ?? "without outputs")}`;
}
