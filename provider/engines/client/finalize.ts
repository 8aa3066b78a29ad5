import { newTally } from "./copied";
import { stopSource } from "./data";
import { about, ReconcileError } from "./errors";
import { requireDeployment } from "./prepare/code";
import { reconcileDomains } from "./prepare/domains";
import { reconcileVariables } from "./prepare/variables";
import type { MigrationRun } from "./run";
import { waitOperation } from "./waiting";

/**
 * `finalize`: what changed on the source since prepare copied again, the source stopped if
 * the data step did not, the destination scaled to the source's recorded formation, its
 * autoscalers created, and the checklist of what is left by hand. Nothing redirects traffic.
 */
export async function finalize(run: MigrationRun): Promise<void> {
  const { record } = run;
  await run.subStep("finalize", "Check that the new app has been deployed", () => requireDeployment(run));
  await run.subStep("finalize", "Copy again what changed on the source since prepare (variables, domains)", async () => {
    const changed = (await reconcileVariables(run)) + (await reconcileDomains(run));
    if (changed) run.say(`  ${changed} variable(s) or domain(s) changed on the source since prepare: copied again`);
  });
  if (!record.formation) await run.subStep("finalize", "Stop your old app", () => stopSource(run));
  await run.subStep("finalize", "Start the new app", () => startDestination(run));
  await run.subStep("finalize", "Import autoscalers", () => reconcileAutoscalers(run));
  checklist(run);
}

async function startDestination(run: MigrationRun): Promise<void> {
  const formation = run.record.formation ?? [];
  const label = `formation of ${run.dstApp} on ${run.record.destinationRegion}`;
  const current = await about(label, "GET /v1/apps/:app/containers", () => run.destination.read("containers", () => run.dst.formation.containers(run.dstApp), undefined, "deployed"));
  const targets = formation
    .filter((c) => current.some((d) => d.name === c.name))
    .filter((c) => {
      const now = current.find((d) => d.name === c.name)!;
      return now.amount !== c.amount || (c.size !== "" && now.size !== c.size);
    })
    .map((c) => ({ name: c.name, amount: c.amount, ...(c.size ? { size: c.size } : {}) }));
  const missing = formation.filter((c) => !current.some((d) => d.name === c.name) && c.amount > 0);
  if (missing.length) throw new ReconcileError(label, `the deployed code has no process type ${missing.map((c) => c.name).join(", ")} (check its Procfile)`);
  if (!targets.length) return;
  const result = await about(label, "POST /v1/apps/:app/scale", () => run.dst.formation.scale(run.dstApp, targets));
  if (result.operation) await waitOperation(run, label, result.operation);
  run.tally("formation", { copied: formation.map((c) => `${c.name}×${c.amount} ${c.size}`.trim()), skipped: [] });
}

async function reconcileAutoscalers(run: MigrationRun): Promise<void> {
  const sources = await about(`autoscalers of ${run.srcApp}`, "GET /v1/apps/:app/autoscalers", () => run.src.autoscalers.list(run.srcApp));
  if (!sources.length) return run.tally("autoscalers", newTally());
  const present = await about(`autoscalers of ${run.dstApp}`, "GET /v1/apps/:app/autoscalers", () => run.destination.read("autoscalers", () => run.dst.autoscalers.list(run.dstApp), []));
  const tally = newTally();
  for (const autoscaler of sources) {
    if (!present.some((a) => a.containerType === autoscaler.containerType)) {
      await about(`autoscaler of ${autoscaler.containerType} of ${run.dstApp}`, "POST /v1/apps/:app/autoscalers", () =>
        run.dst.autoscalers.create(run.dstApp, {
          containerType: autoscaler.containerType,
          minContainers: autoscaler.minContainers,
          maxContainers: autoscaler.maxContainers,
          metric: autoscaler.metric,
          target: autoscaler.target,
          disabled: autoscaler.disabled,
        }),
      );
    }
    tally.copied.push(`${autoscaler.containerType} (${autoscaler.metric})`);
  }
  run.tally("autoscalers", tally);
}

/** What is left by hand once the new app runs. */
function checklist(run: MigrationRun): void {
  const { record } = run;
  const target = record.destination.url ? new URL(record.destination.url).host : `${run.dstApp}.${record.destinationRegion}.scalingo.io`;
  for (const domain of record.domainNames.filter((d) => !d.endsWith(".scalingo.io"))) {
    run.manual({ id: `dns:${domain}`, action: `Point ${domain} at ${target} (CNAME)`, why: "nothing redirects traffic between regions any more", blocking: false });
    if (record.destinationRegion.includes("secnum")) {
      run.manual({ id: `secnum-domain:${domain}`, action: `Complete SecNumCloud's identity check for ${domain}`, why: "each custom domain is verified on a SecNumCloud region", blocking: false });
    }
  }
  run.manual({
    id: "old-url",
    action: `Decide what ${run.srcApp}.${record.sourceRegion}.scalingo.io serves now (a stopped page via SCALINGO_STOPPED_PAGE_URL, or a small redirect app)`,
    why: "the old region's default URL is not redirected (the 30-day redirect was Scalingo's, and it is gone)",
    blocking: false,
  });
  run.manual({
    id: "delete-source",
    action: `Delete ${run.srcApp} on ${record.sourceRegion} once the new app has served traffic for a while`,
    why: "this provider never deletes the source app (it is your rollback)",
    blocking: false,
  });
}
