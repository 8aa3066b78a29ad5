import type { Addon } from "../../../client/public";
import { addonLabel } from "../addon-kinds";
import { newTally } from "../copied";
import { about, ReconcileError } from "../errors";
import type { MigrationRun } from "../run";
import { waitFor } from "../waiting";

/**
 * One destination addon per source addon, on the plan of the same name, waited until running.
 * An addon of the same provider already there (a resumed run) is kept, its plan changed if it
 * differs: never a second one.
 */
export async function reconcileAddons(run: MigrationRun): Promise<void> {
  const { dst, record } = run;
  const region = record.destinationRegion;
  const tally = newTally();
  const sources = await about(`addons of ${run.srcApp}`, "GET /v1/apps/:app/addons", () => run.sourceRead("addons", () => run.src.addons.list(run.srcApp)));
  let present = await about(`addons of ${run.dstApp}`, "GET /v1/apps/:app/addons", () => run.destination.read("addons", () => dst.addons.list(run.dstApp), []));
  // All provisionings are started first, then waited for: they run side by side on Scalingo.
  const pending: { source: Addon; label: string; id: string; startedAt?: number }[] = [];
  for (const source of sources) {
    const label = addonLabel(source, region);
    const mapped = await run.catalogue.plan(source.provider.name, source.plan.name);
    if ("missing" in mapped) throw new ReconcileError(label, `${region} has no such ${mapped.missing}`);
    let addon: Addon | undefined = present.find((a) => a.provider.name === source.provider.name);
    let startedAt: number | undefined;
    if (addon?.status === "error") {
      // A provisioning that failed leaves an addon in error: replaced, not waited on forever.
      const failed = addon;
      await about(label, "DELETE /v1/apps/:app/addons/:id (failed provisioning)", () => dst.addons.delete(run.dstApp, failed.id));
      present = present.filter((a) => a.id !== failed.id);
      addon = undefined;
    }
    if (!addon) {
      addon = (await about(label, "POST /v1/apps/:app/addons", () => dst.addons.provision(run.dstApp, { providerId: mapped.provider.id, planId: mapped.plan.id }))).addon;
      startedAt = Date.now();
      present = [...present, addon];
    } else if (addon.plan.name !== source.plan.name) {
      const current = addon;
      addon = await about(label, "PATCH /v1/apps/:app/addons/:id (plan)", () => dst.addons.changePlan(run.dstApp, current.id, mapped.plan.id));
      startedAt = Date.now();
    }
    run.destination.remember("addons", present);
    pending.push({ source, label, id: addon.id, ...(startedAt !== undefined ? { startedAt } : {}) });
  }
  for (const { source, label, id, startedAt } of pending) {
    const known = present.find((a) => a.id === id);
    const ready = startedAt === undefined && known?.status === "running" ? known : await waitFor(run, "addon", label, "provisioning", (options) => dst.addons.show(run.dstApp, id, options), (a) => a.status !== "provisioning", startedAt);
    if (ready.status !== "running") throw new ReconcileError(label, `provisioning failed: the addon is ${ready.status}`);
    present = present.map((a) => (a.id === id ? ready : a));
    run.destination.remember("addons", present);
    tally.copied.push(source.provider.name.toLowerCase());
  }
  run.tally("addons", tally);
}
