import type { CapturedRequest, RequestLogEntry } from "../../../simulator";
import { DEMO_TOKEN } from "../../support/simulator-env";
import type { DriveResult } from "../support/migrator-driver";
import { auditWrites, duplicatesIn, faultsIn } from "../support/request-audit";
import { credentialsOnTheWire, leakCount } from "../support/secret-scan";
import { STEPS_TO_FINALIZE } from "../support/declarations";

/**
 * What one scenario proved, in the counts the reliability report adds up. Tests assert on it;
 * scripts/reliability.ts prints and sums it.
 */
export interface ScenarioResult {
  name: string;
  /** Which engine moved the app; absent: the server engine (Scalingo's region-migration API). */
  engine?: "server" | "client";
  migrationsIntended: number;
  migrationsCompleted: number;
  faultsInjected: number;
  duplicateCreates: number;
  duplicateRuns: number;
  /**
   * Client engine: what was created or started twice, per kind (only kinds above 0). Its
   * `duplicateCreates` sums the destination objects (apps, addons, domains, variables,
   * collaborators, notifiers, alerts, log drains, autoscalers), `duplicateRuns` what it starts
   * (deployments, backups, restore one-offs).
   */
  duplicatesByKind?: Record<string, number>;
  /**
   * Artifacts (outputs, progress lines, errors, and whatever the scenario adds) holding a
   * credential, plus credentials on the wire anywhere but where they belong.
   */
  tokenLeaks: number;
  /** Requests seen carrying a credential where it belongs: 0 means the wire scan was blind. */
  credentialsInPlace: number;
  /** Where each leak was, for the report (never the credential itself). */
  leaks?: string[];
  /** Why a migration did not complete, as the user would have read it. */
  failure?: string;
  /** What else the scenario itself saw go wrong (e.g. an orphaned provider still writing). */
  violations?: string[];
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
  /** The simulator's full capture (started with captureRequests): scanned for credentials. */
  captured: readonly CapturedRequest[];
  drives: readonly Drive[];
  /** Whether a logged request reached the server's handler (default: it was answered). */
  reached?: (entry: RequestLogEntry) => boolean;
  /** Extra things to scan for credentials (engine output, exported state, journal files). */
  artifacts?: readonly unknown[];
  evidence?: Record<string, number | string>;
  violations?: readonly string[];
}): ScenarioResult {
  let duplicateCreates = 0;
  let duplicateRuns = 0;
  for (const app of new Set(options.drives.map((d) => d.app))) {
    const duplicates = duplicatesIn(auditWrites(options.entries, app, options.reached), STEPS_TO_FINALIZE);
    duplicateCreates += duplicates.duplicateCreates;
    duplicateRuns += duplicates.duplicateRuns;
  }
  const failed = options.drives.find((d) => d.result.outputs?.status !== "done");
  const artifacts = [...options.drives.flatMap((d) => [d.result.outputs, d.result.logs, d.result.error]), ...(options.artifacts ?? [])].filter((a) => a !== undefined);
  const wire = credentialsOnTheWire(options.captured, [DEMO_TOKEN]);
  const artifactLeaks = leakCount(artifacts, [DEMO_TOKEN]);
  return {
    name: options.name,
    migrationsIntended: options.drives.length,
    migrationsCompleted: options.drives.filter((d) => d.result.outputs?.status === "done").length,
    faultsInjected: faultsIn(options.entries),
    duplicateCreates,
    duplicateRuns,
    tokenLeaks: artifactLeaks + wire.outOfPlace.length,
    credentialsInPlace: wire.inPlace,
    ...(artifactLeaks + wire.outOfPlace.length > 0 ? { leaks: [...wire.outOfPlace, ...(artifactLeaks ? [`${artifactLeaks} artifact(s)`] : [])] } : {}),
    ...(failed ? { failure: describeFailure(failed.result) } : {}),
    ...(options.evidence ? { evidence: options.evidence } : {}),
    ...(options.violations?.length ? { violations: [...options.violations] } : {}),
  };
}

function describeFailure(result: DriveResult): string {
  if (result.error instanceof Error) return result.error.message.slice(0, 400);
  if (result.error !== undefined) return String(result.error).slice(0, 400);
  return `ended ${String(result.outputs?.status ?? "without outputs")}`;
}
