import { dnsChangesFor } from "../../migration/dns-changes";
import type { PlanTarget, UpPlan } from "../../migration/engine";
import type { MigrationSnapshot } from "../../migration/snapshot";
import { stageIndex, type MigrationStatus, type RunStep, type Stage } from "../../migration/stages";
import type { ClientRecord } from "./record";

/** The step each run step reaches, and the status it leaves: the shared vocabulary. */
export const STEP_STATUS: Readonly<Record<RunStep, { stage: Stage; status: MigrationStatus }>> = {
  preflight: { stage: "create", status: "preflight-success" },
  prepare: { stage: "prepare", status: "prepared" },
  data: { stage: "data", status: "data-migrated" },
  finalize: { stage: "finalize", status: "done" },
};

const ORDER: readonly RunStep[] = ["preflight", "prepare", "data", "finalize"];

/** The migration as every engine describes it, from the record alone. */
export function snapshotOfRecord(record: ClientRecord): MigrationSnapshot {
  const url = record.destination.url;
  const domains = record.domainNames.map((name) => ({ name }));
  return {
    id: record.id,
    status: record.status,
    reachedStage: record.reachedStage,
    source: { region: record.sourceRegion, appName: record.source.appName, appId: record.source.appId },
    destination: {
      region: record.destinationRegion,
      appName: record.dstAppName,
      appId: record.destination.appId,
      url,
      gitUrl: record.destination.gitUrl,
      dnsChanges: url && domains.length ? dnsChangesFor(url, domains) : [],
    },
    steps: record.steps.map((s) => ({ ...s })),
    startedAt: record.startedAt,
    finishedAt: record.finishedAt,
    // Nothing redirects traffic: the old region's front servers are not ours to configure.
    redirectExpiresAt: null,
    engine: "client",
    manualActions: record.manualActions.map((a) => ({ ...a })),
    copied: structuredClone(record.copied),
  };
}

/**
 * The steps the next `up` runs to reach `target`, from what the last snapshot says: a step
 * that was running or failed is run again first (each sub-step reconciles).
 */
export function stepsToRun(status: MigrationStatus | undefined, reached: Stage | null, resume: RunStep | null, target: PlanTarget): RunStep[] {
  const fresh = status === undefined || status === "aborted" || status === "preflight-error";
  const from = fresh ? 0 : resume ? ORDER.indexOf(resume) : reached === null ? 0 : ORDER.findIndex((s) => STEP_STATUS[s].stage === reached) + 1;
  return ORDER.slice(from).filter((step) => stageIndex(STEP_STATUS[step].stage) <= stageIndex(target.stage) && (step !== "data" || target.migrateData));
}

/** What `preview` shows; it calls nothing. */
export function planFrom(target: PlanTarget, last: MigrationSnapshot | undefined): UpPlan {
  if (last?.status === "done") return { reached: true, steps: [] };
  if (last?.status === "aborting") return { reached: false, steps: [], blocked: "the migration is being aborted: run `pulumi destroy` again to finish the abort" };
  const steps = stepsToRun(last?.status, last?.reachedStage ?? null, last ? resumeStepOf(last) : null, target);
  return { reached: steps.length === 0, steps };
}

/** The step a running or failed migration was in: its sub-step ids start with the step. */
export function resumeStepOf(snapshot: Pick<MigrationSnapshot, "status" | "steps">): RunStep | null {
  if (snapshot.status !== "running" && snapshot.status !== "error" && snapshot.status !== "created") return null;
  const last = [...snapshot.steps].reverse().find((s) => s.status !== "done") ?? snapshot.steps[snapshot.steps.length - 1];
  const step = last?.id.split(":")[0] as RunStep | undefined;
  return step && ORDER.includes(step) ? step : "preflight";
}
