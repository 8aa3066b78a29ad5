import type { App } from "../world/types";
import { uuid } from "../world/ids";
import type { World } from "../world/world";
import type { Migration, Run, RunTask, StepName, SubStepAction } from "./types";

/**
 * The sub-steps a run appends, with their order and concurrency, named as Scalingo's CLI
 * printed them where known. `durationFactor`: how much longer than the profile's figure the
 * whole run takes for this app (StepDurations.factorFor).
 */
export function planRun(step: StepName, migration: Migration, world: World, durationFactor: number): Run {
  const source = world.appById(migration.appId);
  const tasks = new TaskList();
  switch (step) {
    case "preflight":
      planPreflight(tasks, migration);
      break;
    case "prepare":
      planPrepare(tasks, migration);
      break;
    case "data":
      planData(tasks, migration, source);
      break;
    case "finalize":
      planFinalize(tasks, migration);
      break;
    case "abort":
      planAbort(tasks, migration, world);
      break;
  }
  return {
    step,
    stopOnError: step !== "preflight",
    durationFactor,
    tasks: tasks.withShares(),
  };
}

function planPreflight(tasks: TaskList, m: Migration): void {
  tasks.then("Check addon versions", { kind: "check-addon-versions" });
  tasks.then("Check certificate validity", { kind: "check-certificates" });
  tasks.then("Check addons compatibility", { kind: "check-addons-compatibility" });
  tasks.then(`Check if the name ${m.dstAppName} is available on ${m.destination}`, { kind: "check-name-available" });
  tasks.then("Preflight checks", { kind: "preflight-summary" });
}

function planPrepare(tasks: TaskList, m: Migration): void {
  tasks.then(`Create the new app named ${m.dstAppName} in the region ${m.destination}`, { kind: "create-new-app" });
  tasks.then("Mark your app as migrating", { kind: "mark-migrating" });
  tasks.then("Import last deployment", { kind: "import", part: "deployment" });
  tasks.then("Import environment variables", { kind: "import", part: "env" });
  tasks.then("Import SCM configuration", { kind: "import", part: "scm" });
  tasks.then("Import collaborators", { kind: "import", part: "collaborators" });
  tasks.then("Import domains and TLS certificates", { kind: "import", part: "domains" });
  tasks.then("Import application settings", { kind: "import", part: "settings" });
  tasks.then("Import formation", { kind: "import", part: "formation" });
  tasks.then("Import notifiers", { kind: "import", part: "notifiers" });
  tasks.then("Import autoscalers", { kind: "import", part: "autoscalers" });
  tasks.then("Import alerts", { kind: "import", part: "alerts" });
  tasks.then("Import log drains", { kind: "import", part: "log-drains" });
}

/** Each addon is a lane after the stop: provision and backup together, then restore. */
function planData(tasks: TaskList, m: Migration, source: App | undefined): void {
  const stop = tasks.then("Stop your old app", { kind: "stop-old-app" });
  for (const addon of source?.addons ?? []) {
    const create = tasks.after([stop], `Create addon ${addon.name} on ${m.destination}`, { kind: "create-addon", addonId: addon.id });
    if (!addon.isDatabase) continue;
    const backup = tasks.after([stop], `Backup ${addon.name} data`, { kind: "backup-addon", addonId: addon.id });
    tasks.after([create, backup], `Import ${addon.name} data`, { kind: "import-addon-data", addonId: addon.id });
  }
}

function planFinalize(tasks: TaskList, m: Migration): void {
  // From `prepared` the data step was skipped, so the old app still runs.
  if (m.status === "prepared") tasks.then("Stop your old app", { kind: "stop-old-app" });
  tasks.then("Start the new app", { kind: "start-new-app" });
  tasks.then(
    `Redirect the traffic coming to '${m.srcAppName}' on the old region to '${m.dstAppName}' on '${m.destination}'`,
    { kind: "redirect-traffic" },
  );
}

function planAbort(tasks: TaskList, m: Migration, world: World): void {
  if (m.sourceStoppedByMigration) tasks.then("Start the old app", { kind: "start-old-app" });
  if (m.newAppId && world.appById(m.newAppId)) tasks.then("Delete the new app", { kind: "delete-new-app" });
  tasks.then("Restore the old app", { kind: "restore-old-app" });
}

class TaskList {
  private readonly tasks: Omit<RunTask, "share">[] = [];

  /** A task after the previously added one. */
  then(name: string, action: SubStepAction): number {
    const last = this.tasks.length - 1;
    return this.after(last >= 0 ? [last] : [], name, action);
  }

  after(dependsOn: number[], name: string, action: SubStepAction): number {
    this.tasks.push({ subStepId: uuid(), name, action, dependsOn, state: "pending", startedAtMs: null });
    return this.tasks.length - 1;
  }

  /** Every task gets an equal share of the longest chain, so the chain takes the step's total. */
  withShares(): RunTask[] {
    const depth: number[] = [];
    this.tasks.forEach((task, i) => {
      depth[i] = 1 + Math.max(0, ...task.dependsOn.map((d) => depth[d]));
    });
    const share = 1 / Math.max(1, ...depth);
    return this.tasks.map((task) => ({ ...task, share }));
  }
}
