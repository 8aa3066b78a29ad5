import { holdContainersAtZero, reconcileApp } from "./app";
import { reconcileAddons } from "./addons";
import { reconcileAlerts } from "./alerts";
import { reconcileCode } from "./code";
import { reconcileCollaborators } from "./collaborators";
import { reconcileDomains } from "./domains";
import { freezeSource } from "./freeze";
import { reconcileLogDrains } from "./log-drains";
import { reconcileNotifiers } from "./notifiers";
import { reconcileScmLink } from "./scm-link";
import { reconcileVariables } from "./variables";
import type { MigrationRun } from "../run";

/**
 * `prepare`: the destination app with everything the source has, containers at 0. Each line
 * is a reconcile (read the destination, create or change what differs): run twice, it creates
 * nothing the second time; killed anywhere, the next run finishes the job. The source is
 * touched last (the freeze), after its undo is recorded.
 */
export async function prepare(run: MigrationRun): Promise<void> {
  const region = run.record.destinationRegion;
  const app = await run.subStep("prepare", `Create the new app named ${run.dstApp} in the region ${region}`, () => reconcileApp(run));
  await run.subStep("prepare", "Hold the new app's containers at 0 until finalize", () => holdContainersAtZero(run, app.lastDeploymentId !== null));
  await run.subStep("prepare", `Create addons on the '${region}' region`, () => reconcileAddons(run));
  await run.subStep("prepare", "Import environment variables", () => reconcileVariables(run));
  await run.subStep("prepare", "Import SCM configuration", () => reconcileScmLink(run));
  await run.subStep("prepare", "Import collaborators (as invitations)", () => reconcileCollaborators(run));
  await run.subStep("prepare", "Import domains and TLS certificates", () => reconcileDomains(run));
  const notifiers = await run.subStep("prepare", "Import notifiers", () => reconcileNotifiers(run));
  await run.subStep("prepare", "Import alerts", () => reconcileAlerts(run, notifiers));
  await run.subStep("prepare", "Import log drains", () => reconcileLogDrains(run));
  const deployed = await run.subStep("prepare", "Deploy the code (containers stay at 0)", () => reconcileCode(run));
  // Going on to finalize in this `up`, the sizes go with the amounts in finalize's one scale.
  if (deployed && run.spec.stage === "prepare") await run.subStep("prepare", "Import formation sizes (at 0)", () => holdContainersAtZero(run, true));
  await run.subStep("prepare", "Freeze the source app (SCM auto-deploy and review apps off)", () => freezeSource(run));
}
