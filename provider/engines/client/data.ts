import { backupSettled, reveal, type Addon, type CallOptions, type Secret } from "../../client/public";
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

/** A backup taken for this migration: recorded at once, reused by a resumed run unless it failed. */
async function backup(run: MigrationRun, addon: Addon): Promise<string> {
  const { src, record } = run;
  const label = `backup of ${addonLabel(addon, record.sourceRegion)}`;
  const known = record.backups[addon.id];
  let backupId: string | undefined = known?.backupId;
  let startedAt: number | undefined;
  if (backupId) {
    const current = await about(label, "GET /api/backups/:id", () => src.databases.showBackup(run.srcApp, addon.id, backupId!));
    if (current.status === "error") backupId = undefined;
  }
  if (!backupId) {
    backupId = (await about(label, "POST /api/databases/:id/backups", () => src.databases.createBackup(run.srcApp, addon.id))).id;
    startedAt = Date.now();
    record.backups[addon.id] = { backupId, restored: false };
    run.save();
  }
  const id = backupId;
  const done = await waitFor(run, "backup", label, "the backup", (options) => src.databases.showBackup(run.srcApp, addon.id, id, options), backupSettled, startedAt);
  if (done.status !== "done") throw new ReconcileError(`${label} (backup ${id})`, "the backup failed on Scalingo: run `pulumi up` again to take a new one");
  return id;
}

/** Restores the backup into the destination's database of the same provider; confirmed by the one-off's sentinel line. */
async function restore(run: MigrationRun, addon: Addon, engine: keyof typeof DATABASE_URL_VARIABLE, backupId: string): Promise<void> {
  const { src, dst, record } = run;
  if (record.backups[addon.id]?.restored) return;
  const dstAddons = await about(`addons of ${run.dstApp}`, "GET /v1/apps/:app/addons", () => run.destination.read("addons", () => dst.addons.list(run.dstApp)));
  const target = dstAddons.find((a) => a.provider.name === addon.provider.name);
  const label = `import into ${target ? addonLabel(target, record.destinationRegion) : `addon ${addon.provider.name.toLowerCase()} on ${record.destinationRegion}`}`;
  if (!target) throw new ReconcileError(label, "the destination has no such addon: run prepare again");
  // Fetched now, just before use: the pre-signed URL expires (10 minutes on Scalingo).
  const url = await about(`backup ${backupId} of ${addonLabel(addon, record.sourceRegion)}`, "GET /api/databases/:id/backups/:id/archive", () => src.databases.archiveUrl(run.srcApp, addon.id, backupId));
  const variables = engine === "mysql" ? await about(`variables of ${run.dstApp}`, "GET /v1/apps/:app/variables", () => dst.variables.list(run.dstApp, { aliases: false })) : [];
  const databaseUrl = variables.find((v) => v.name === DATABASE_URL_VARIABLE.mysql)?.value;
  const sentinel = `RESTORE-OK-${backupId.replace(/[^A-Za-z0-9-]/g, "")}`;
  const started = await about(label, "POST /v1/apps/:app/run (detached restore one-off)", () =>
    dst.oneOffs.runDetached(run.dstApp, { command: restoreCommand(engine, sentinel), env: restoreEnv(engine, url, databaseUrl) }),
  );
  const startedAt = Date.now();
  // The log service's URL is fetched once (one request on the budget) and read until the
  // one-off exits; the log service itself is not on the budget. An expired URL is fetched again.
  let logsUrl: Secret | undefined;
  const ownLines = async (options: CallOptions): Promise<string[]> => {
    logsUrl ??= await dst.logs.url(run.dstApp, options);
    const url = logsUrl;
    const all = await dst.logs.linesAt(url, { lines: 500 }).catch((error: unknown) => {
      logsUrl = undefined;
      throw error;
    });
    return all.filter((l) => l.includes(`[${started.label}]`));
  };
  const lines = await waitFor(run, "restore", label, `the restore one-off ${started.label}`, (options) => retryOnce(() => ownLines(options)), (own) => own.some((l) => /Process exited with status \d+/.test(l)), startedAt);
  const exit = /Process exited with status (\d+)/.exec(lines.find((l) => /Process exited with status/.test(l)) ?? "")?.[1];
  if (exit !== "0" || !lines.some((l) => l.includes(sentinel))) {
    const errors = lines.filter((l) => /error|denied|not found|could not|Could not|\(\d+\)/.test(l)).map((l) => l.split(`[${started.label}] `)[1] ?? l);
    const said = errors.map((l) => l.split(reveal(url)).join("[redacted]")).slice(-3).join(" | ");
    throw new ReconcileError(label, `the restore one-off ${started.label} failed (exit ${exit ?? "?"}): ${said || "no error line in the logs"}`);
  }
  record.backups[addon.id] = { backupId, restored: true };
  run.save();
}

/** A read through a pre-signed URL that may have expired since it was fetched: tried once more with a fresh one. */
async function retryOnce<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch {
    return read();
  }
}
