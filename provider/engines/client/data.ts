import { backupSettled, reveal, type Addon } from "../../client/public";
import { addonLabel, DATABASE_URL_VARIABLE, dataMoveOf } from "./addon-kinds";
import { newTally } from "./copied";
import { about, ReconcileError } from "./errors";
import { requireDeployment } from "./prepare/code";
import { restoreCommand, restoreEnv } from "./restore-recipe";
import type { MigrationRun } from "./run";
import { waitFor, waitOperation } from "./waiting";

/**
 * `data`: the source stopped (its formation recorded first, for finalize and abort), then each
 * PostgreSQL/MySQL/MongoDB database backed up on the source and restored into the destination
 * through a detached one-off, confirmed from the logs. Other addons: manual actions.
 */
export async function migrateData(run: MigrationRun): Promise<void> {
  // The restore runs in a one-off of the new app's image: checked before the source stops.
  await run.subStep("data", "Check that the new app has been deployed", () => requireDeployment(run));
  await run.subStep("data", "Stop your old app", () => stopSource(run));
  const addons = await about(`addons of ${run.srcApp}`, "GET /v1/apps/:app/addons", () => run.sourceRead("addons", () => run.src.addons.list(run.srcApp)));
  const tally = newTally();
  for (const addon of addons) {
    const move = dataMoveOf(addon);
    const name = addon.provider.name;
    if (move.kind === "manual") {
      tally.skipped.push(`${name.toLowerCase()}: ${move.why}`);
      continue;
    }
    const backupId = await run.subStep("data", `Backup ${name} data`, () => backup(run, addon));
    await run.subStep("data", `Import ${name} data`, () => restore(run, addon, move.engine, backupId));
    tally.copied.push(name.toLowerCase());
  }
  run.tally("data", tally);
}

/** Records the formation (once: the first record is the one that ran), then scales every type to 0. */
export async function stopSource(run: MigrationRun): Promise<void> {
  const { src, record } = run;
  const label = `formation of ${run.srcApp} on ${record.sourceRegion}`;
  const containers = await about(label, "GET /v1/apps/:app/containers", () => src.formation.containers(run.srcApp));
  if (!record.formation) {
    record.formation = containers.map((c) => ({ name: c.name, amount: c.amount, size: c.size }));
    run.save();
  }
  const running = containers.filter((c) => c.amount > 0);
  if (!running.length) return;
  const result = await about(label, "POST /v1/apps/:app/scale (all to 0)", () => src.formation.scale(run.srcApp, running.map((c) => ({ name: c.name, amount: 0 }))));
  if (result.operation) await waitOperation(run, label, result.operation, src);
}

/**
 * A backup taken for this migration: recorded at once, reused by a resumed run unless it
 * failed. The backups that exist before the start are recorded first: when the start's answer
 * is lost (or the process killed before it), a newer one that did not fail is ours, taken
 * after the source stopped, and is adopted rather than taking a second one.
 */
async function backup(run: MigrationRun, addon: Addon): Promise<string> {
  const { src, record } = run;
  const label = `backup of ${addonLabel(addon, record.sourceRegion)}`;
  const known = record.backups[addon.id];
  let backupId: string | undefined = known?.backupId || undefined;
  if (backupId) {
    const current = await about(label, "GET /api/backups/:id", () => src.databases.showBackup(run.srcApp, addon.id, backupId!));
    if (current.status === "error") backupId = undefined;
  } else if (known?.before) {
    const before = known.before;
    const list = await about(label, "GET /api/databases/:id/backups", () => src.databases.listBackups(run.srcApp, addon.id));
    backupId = list.filter((b) => !before.includes(b.id) && b.status !== "error").sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0]?.id;
  }
  if (!backupId) {
    const list = await about(label, "GET /api/databases/:id/backups", () => src.databases.listBackups(run.srcApp, addon.id));
    record.backups[addon.id] = { backupId: "", restored: false, before: list.map((b) => b.id) };
    run.save();
    backupId = (await about(label, "POST /api/databases/:id/backups", () => src.databases.createBackup(run.srcApp, addon.id))).id;
  }
  if (record.backups[addon.id]?.backupId !== backupId) {
    record.backups[addon.id] = { backupId, restored: false };
    run.save();
  }
  const id = backupId;
  const done = await waitFor(run, label, "the backup", () => src.databases.showBackup(run.srcApp, addon.id, id), backupSettled, 500);
  if (done.status !== "done") throw new ReconcileError(`${label} (backup ${id})`, "the backup failed on Scalingo: run `pulumi up` again to take a new one");
  return id;
}

/** Restores the backup into the destination's database of the same provider; confirmed by the one-off's sentinel line. */
async function restore(run: MigrationRun, addon: Addon, engine: keyof typeof DATABASE_URL_VARIABLE, backupId: string): Promise<void> {
  const { src, dst, record } = run;
  if (record.backups[addon.id]?.restored) return;
  const dstAddons = await about(`addons of ${run.dstApp}`, "GET /v1/apps/:app/addons", () => dst.addons.list(run.dstApp));
  const target = dstAddons.find((a) => a.provider.name === addon.provider.name);
  const label = `import into ${target ? addonLabel(target, record.destinationRegion) : `addon ${addon.provider.name.toLowerCase()} on ${record.destinationRegion}`}`;
  if (!target) throw new ReconcileError(label, "the destination has no such addon: run prepare again");
  // Fetched now, just before use: the pre-signed URL expires (10 minutes on Scalingo).
  const url = await about(`backup ${backupId} of ${addonLabel(addon, record.sourceRegion)}`, "GET /api/databases/:id/backups/:id/archive", () => src.databases.archiveUrl(run.srcApp, addon.id, backupId));
  const variables = engine === "mysql" ? await about(`variables of ${run.dstApp}`, "GET /v1/apps/:app/variables", () => dst.variables.list(run.dstApp, { aliases: false })) : [];
  const databaseUrl = variables.find((v) => v.name === DATABASE_URL_VARIABLE.mysql)?.value;
  const sentinel = `RESTORE-OK-${backupId.replace(/[^A-Za-z0-9-]/g, "")}`;
  if (record.backups[addon.id]?.restoreStarted && (await restoredBefore(run, label, sentinel))) {
    record.backups[addon.id] = { backupId, restored: true };
    run.save();
    return;
  }
  record.backups[addon.id] = { backupId, restored: false, restoreStarted: true };
  run.save();
  const started = await about(label, "POST /v1/apps/:app/run (detached restore one-off)", () =>
    dst.oneOffs.runDetached(run.dstApp, { command: restoreCommand(engine, sentinel), env: restoreEnv(engine, url, databaseUrl) }),
  );
  const lines = await waitFor(
    run,
    label,
    `the restore one-off ${started.label}`,
    async () => (await dst.logs.lines(run.dstApp, { lines: 500 })).filter((l) => l.includes(`[${started.label}]`)),
    (own) => own.some((l) => /Process exited with status \d+/.test(l)),
    500,
  );
  const exit = /Process exited with status (\d+)/.exec(lines.find((l) => /Process exited with status/.test(l)) ?? "")?.[1];
  if (exit !== "0" || !lines.some((l) => l.includes(sentinel))) {
    const errors = lines.filter((l) => /error|denied|not found|could not|Could not|\(\d+\)/.test(l)).map((l) => l.split(`[${started.label}] `)[1] ?? l);
    const said = errors.map((l) => l.split(reveal(url)).join("[redacted]")).slice(-3).join(" | ");
    throw new ReconcileError(label, `the restore one-off ${started.label} failed (exit ${exit ?? "?"}): ${said || "no error line in the logs"}`);
  }
  record.backups[addon.id] = { backupId, restored: true };
  run.save();
}

/**
 * After a start whose answer was lost, or a kill while the restore ran: the one-off may have
 * run (or still run) unseen. Once no one-off runs on the new app, its logs say whether one
 * printed this backup's sentinel; only if none did is another started.
 */
async function restoredBefore(run: MigrationRun, label: string, sentinel: string): Promise<boolean> {
  const { dst } = run;
  await waitFor(run, label, "a restore one-off started before", () => dst.formation.running(run.dstApp), (containers) => !containers.some((c) => c.type === "one-off"), 500);
  return (await dst.logs.lines(run.dstApp, { lines: 500 })).some((line) => line.includes(sentinel));
}
