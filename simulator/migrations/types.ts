/** A region migration as the simulator keeps it: the wire fields plus the in-flight run. */

export type MigrationStatus =
  | "created"
  | "preflight-success"
  | "preflight-error"
  | "running"
  | "prepared"
  | "data-migrated"
  | "done"
  | "error"
  | "aborting"
  | "aborted";

export const STEP_NAMES = ["preflight", "prepare", "data", "finalize", "abort"] as const;
export type StepName = (typeof STEP_NAMES)[number];

export function isStepName(value: string): value is StepName {
  return (STEP_NAMES as readonly string[]).includes(value);
}

/** One line of `steps` on the wire. */
export interface SubStep {
  id: string;
  name: string;
  status: "running" | "done" | "error";
  logs: string | null;
}

/** What a sub-step does when it completes; plain data so an in-flight run survives a restart. */
export type SubStepAction =
  | { kind: "check-addon-versions" }
  | { kind: "check-certificates" }
  | { kind: "check-addons-compatibility" }
  | { kind: "check-name-available" }
  | { kind: "preflight-summary" }
  | { kind: "create-new-app" }
  | { kind: "mark-migrating" }
  | { kind: "import"; part: ImportedPart }
  | { kind: "stop-old-app" }
  | { kind: "create-addon"; addonId: string }
  | { kind: "backup-addon"; addonId: string }
  | { kind: "import-addon-data"; addonId: string }
  | { kind: "start-new-app" }
  | { kind: "redirect-traffic" }
  | { kind: "start-old-app" }
  | { kind: "delete-new-app" }
  | { kind: "restore-old-app" };

export type ImportedPart =
  | "deployment"
  | "env"
  | "scm"
  | "collaborators"
  | "domains"
  | "settings"
  | "formation"
  | "notifiers"
  | "autoscalers"
  | "alerts"
  | "log-drains";

export interface RunTask {
  /** The id its `steps` entry gets once it starts. */
  subStepId: string;
  name: string;
  action: SubStepAction;
  /** Indexes of the tasks that must end first. */
  dependsOn: number[];
  /** Fraction of the step's total duration this task takes. */
  share: number;
  state: "pending" | "running" | "done" | "error";
  /** Wall-clock start (epoch ms), so a restarted process knows how much is left. */
  startedAtMs: number | null;
}

export interface Run {
  step: StepName;
  /** Preflight runs every check even after one failed; other steps stop at the first error. */
  stopOnError: boolean;
  durationFactor: number;
  tasks: RunTask[];
}

export interface Migration {
  id: string;
  appId: string;
  srcAppName: string;
  dstAppName: string;
  newAppId: string | null;
  source: string;
  destination: string;
  status: MigrationStatus;
  startedAt: string;
  finishedAt: string | null;
  steps: SubStep[];
  ownerId: string;
  /** Abort restarts the old app only if the migration stopped it. */
  sourceStoppedByMigration: boolean;
  run: Run | null;
}
