import type { UpPlan } from "./engine";
import type { MigrationSnapshot, StepProgress } from "./snapshot";
import type { EngineKind, MigrationSpec, TimedStep } from "./spec";
import type { MigrationStatus } from "./stages";

/**
 * Everything the provider says to people about a migration, in one place, in the words
 * Scalingo's CLI used where users know them.
 */

/** The operations a step performs, as the CLI listed them before asking to continue. */
export interface OperationNames {
  app: string;
  dstName: string;
  source: string;
  destination: string;
  dataSkipped?: boolean;
  /** Which engine will do them (absent: the server's). */
  engine?: EngineKind;
}

export function operationsOf(step: TimedStep, names: OperationNames): string[] {
  if (names.engine === "client") return clientOperationsOf(step, names);
  switch (step) {
    case "preflight":
      return [
        `Create a migration of '${names.app}' from ${names.source} to ${names.destination}`,
        "Check addon versions",
        "Check certificate validity",
        "Check addons compatibility",
        `Check if the name ${names.dstName} is available on ${names.destination}`,
      ];
    case "prepare":
      return [
        "Mark your app as migrating (read-only until the migration ends)",
        `Create the new app named ${names.dstName} in the region ${names.destination}`,
        "Import the last deployment",
        "Import environment variables",
        "Import SCM configuration",
        "Import collaborators (accepted invitations only)",
        "Import domains and TLS certificates",
        "Import application settings and soft limits",
        "Import formation",
        "Import notifiers and alerts",
        "Import log drains",
        "Import autoscalers",
      ];
    case "data":
      return ["Stop your old app", `Create addons on the '${names.destination}' region`, "Import addons data"];
    case "finalize":
      return [
        ...(names.dataSkipped ? ["Stop your old app"] : []),
        "Start the new app",
        `Redirect the traffic coming to '${names.app}' on the old region to '${names.dstName}' on '${names.destination}'`,
      ];
    case "abort":
      return [
        "Start the old app again if it was stopped",
        `Delete the new app on '${names.destination}' with its addons and migrated data`,
        `Give '${names.app}' on ${names.source} back its normal status`,
      ];
  }
}

/** The client engine's operations: what this provider does itself, through the public API. */
function clientOperationsOf(step: TimedStep, names: OperationNames): string[] {
  switch (step) {
    case "preflight":
      return [
        `Check access to ${names.destination}`,
        `Check if the name ${names.dstName} is available on ${names.destination} (a dry run: nothing is written anywhere)`,
        "Check stack, container sizes, addon plans and notification platforms by name",
        "Check addons and database versions",
        "Check where the code comes from (SCM link, sourceArchive, or your git push)",
        "Check domains and certificates",
      ];
    case "prepare":
      return [
        `Create the new app named ${names.dstName} in the region ${names.destination}, containers held at 0`,
        `Create addons on the '${names.destination}' region (plans mapped by name, waited until running)`,
        "Import environment variables (minus the addon-injected ones; aliases kept)",
        "Import SCM configuration",
        "Import collaborators (as invitations, same role)",
        "Import domains and TLS certificates (uploaded ones only when declared in certificates)",
        "Import notifiers, alerts (minus autoscaler-owned) and log drains",
        "Deploy the code (containers stay at 0)",
        `Freeze '${names.app}' on ${names.source}: SCM auto-deploy and review apps off (recorded, undone by abort)`,
      ];
    case "data":
      return [
        `Record the formation of '${names.app}', then stop it (scale to 0)`,
        "Back up each PostgreSQL/MySQL/MongoDB database and restore it through a one-off of the new app",
        "List the other addons' data as manual actions",
      ];
    case "finalize":
      return [
        ...(names.dataSkipped ? [`Record the formation of '${names.app}', then stop it (scale to 0)`] : []),
        "Copy again what changed on the source since prepare (variables, domains)",
        "Start the new app with the recorded formation",
        "Import autoscalers",
        "List the DNS changes and what is left by hand: nothing redirects traffic",
      ];
    case "abort":
      return [
        `Delete the new app on '${names.destination}' with its addons and migrated data`,
        "Start the old app again if it was stopped",
        `Give '${names.app}' on ${names.source} back its SCM auto-deploy and review apps`,
      ];
  }
}

/** One sentence: what the user may set `stage` to next. */
export function nextStepHint(status: MigrationStatus | undefined, destination: string, engine: EngineKind = "server"): string {
  if (engine === "client") {
    const hint = clientEngineHint(status, destination);
    if (hint !== undefined) return hint;
  }
  switch (status) {
    case undefined:
    case "aborted":
      return "No migration is in progress: set stage to \"create\" (or a later stage) and run `pulumi up` to start one.";
    case "created":
      return "The preflight checks will begin shortly: run `pulumi up` again to run and wait for them.";
    case "preflight-success":
      return `Your app can be migrated to ${destination}: set stage to "prepare" and run \`pulumi up\` to start the migration.`;
    case "preflight-error":
      return "The preflight checks failed: fix what they report, then run `pulumi up` to start a new migration (there is nothing to abort).";
    case "running":
      return "A step is running on Scalingo: run `pulumi up` again to wait for it.";
    case "prepared":
      return `Application on region '${destination}' has been prepared: set stage to "data" to let Scalingo migrate your databases, or copy the data yourself (migrateData: false) and set stage to "finalize".`;
    case "data-migrated":
      return `Data has been migrated to the '${destination}' region: set stage to "finalize" to start the new app and redirect the traffic.`;
    case "error":
      return "A step failed and the migration waits for an abort: run `pulumi destroy` to abort it (the new app is deleted and the source app restored), then `pulumi up` to start over.";
    case "aborting":
      return "The migration is being aborted: run `pulumi up` again once it is aborted to start a new one.";
    case "done":
      return "";
  }
}

/** Where the client engine's next step differs from the server's: it resumes, and nothing redirects. */
function clientEngineHint(status: MigrationStatus | undefined, destination: string): string | undefined {
  switch (status) {
    case "prepared":
      return `The app on '${destination}' has been prepared (containers at 0): set stage to "data" to copy the PostgreSQL/MySQL/MongoDB databases, or copy the data yourself (migrateData: false) and set stage to "finalize". See manualActions.`;
    case "data-migrated":
      return `Data has been copied to the '${destination}' region: set stage to "finalize" to start the new app. Nothing redirects traffic: change your DNS as dnsChanges says.`;
    case "error":
      return "A step failed: fix what it reports and run `pulumi up` to resume it (every sub-step reconciles, nothing is created twice), or `pulumi destroy` to abort (the new app is deleted and the source restored).";
    case "done":
      return `Done. Nothing redirects traffic from the old region: change your DNS as dnsChanges says, work through manualActions, then delete the source app yourself (this provider never deletes it).`;
    default:
      return undefined;
  }
}

/** The lines `preview` prints for a plan: what is waited for, then each step's operations. */
export function planLines(resourceName: string, plan: UpPlan, names: OperationNames): string[] {
  if (plan.blocked) return [`[${resourceName}] plan: nothing can run: ${plan.blocked}`];
  const lines = plan.waitFor ? [`[${resourceName}] plan: wait for the running '${plan.waitFor}' step`] : [];
  for (const step of plan.steps) {
    lines.push(`[${resourceName}] plan: ${step === "preflight" ? "create" : step}: the following operations will be achieved:`);
    for (const operation of operationsOf(step, names)) lines.push(`[${resourceName}]   - ${operation}`);
  }
  return lines;
}

/** A progress line for a sub-step whose status changed. */
export function progressLine(resourceName: string, step: StepProgress): string {
  switch (step.status) {
    case "done":
      return `[${resourceName}] ✔ ${step.name}`;
    case "error":
      return `[${resourceName}] ✘ ${step.name}${step.logs ? `: ${oneLine(step.logs)}` : ""}`;
    case "running":
      return `[${resourceName}] … ${step.name}`;
  }
}

/** Why the migration cannot go on, with the failed steps newest first and what to do next. */
export function failureReport(migration: MigrationSnapshot): string {
  const failed = migration.steps.filter((s) => s.status === "error").reverse();
  const lines = [
    `Region migration ${migration.id} of app '${migration.source.appName}' to ${migration.destination.region} failed (status ${migration.status}).`,
  ];
  if (failed.length) {
    lines.push("Failed steps, newest first:");
    for (const step of failed) lines.push(`  ✘ ${step.name}${step.logs ? `: ${oneLine(step.logs)}` : ""}`);
  }
  if (migration.status === "preflight-error") {
    lines.push("The migration did not start and there is nothing to abort: fix what the checks report, then run `pulumi up` to start a new migration (or `pulumi destroy` to drop it from the stack).");
  } else {
    lines.push("The migration waits for an abort: run `pulumi destroy` to abort it (the new app is deleted and the source app restored), then `pulumi up` to start over.");
  }
  lines.push("If the problem persists, contact Scalingo's support with the migration id.");
  return lines.join("\n");
}

export function backwardsMessage(reached: string, asked: string): string {
  return (
    `stage cannot go back from "${reached}" to "${asked}": a migration only moves forward. ` +
    "To start over, run `pulumi destroy` (it aborts the migration, deletes the new app and restores the source), then `pulumi up`."
  );
}

export function doneChangeMessage(field: string): string {
  return (
    `${field} cannot change: this migration is done and the app now lives in its destination region. ` +
    "Remove the resource from the program (or `pulumi state delete` it) to declare a new migration."
  );
}

/** How a preview names a value it will know only during the update. */
export const COMPUTED = "(computed)";

/** A preview's plan when the inputs it depends on come from resources not created yet. */
export function computedPlanNote(computed: readonly string[]): string {
  return `decided during the update: ${computed.join(", ")} ${computed.length === 1 ? "comes" : "come"} from resources not created or updated yet`;
}

export function describeSpec(spec: Pick<MigrationSpec, "app" | "sourceRegion" | "destinationRegion" | "newName">): string {
  const renamed = spec.newName && spec.newName !== spec.app ? ` as '${spec.newName}'` : "";
  return `'${spec.app}' from ${spec.sourceRegion} to ${spec.destinationRegion}${renamed}`;
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > 500 ? `${flat.slice(0, 497)}...` : flat;
}
