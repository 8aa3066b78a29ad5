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
  run.workAhead.databasesToMove(addons.filter((addon) => dataMoveOf(addon).kind !== "manual").length);
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
  let startedAt: number | undefined;
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
    startedAt = Date.now();
  }
  if (record.backups[addon.id]?.backupId !== backupId) {
    record.backups[addon.id] = { backupId, restored: false };
    run.save();
  }
  const id = backupId;
  const done = await waitFor(run, "backup", label, "the backup", (options) => src.databases.showBackup(run.srcApp, addon.id, id, options), backupSettled, startedAt);
  if (done.status !== "done") throw new ReconcileError(`${label} (backup ${id})`, "the backup failed on Scalingo: run `pulumi up` again to take a new one");
  return id;
}

/**
 * Restores the backup into the destination's database of the same provider; confirmed by the
 * one-off's sentinel line. The restore is marked as possibly started before the one-off's
 * start, and its label recorded the moment the start answers: a run killed while it restores
 * leaves it running, and the next run waits for it (its logs say how it ended); a start whose
 * answer was lost is found by its sentinel once no one-off runs. Never a second restore into
 * the same database at the same time.
 */
async function restore(run: MigrationRun, addon: Addon, engine: keyof typeof DATABASE_URL_VARIABLE, backupId: string): Promise<void> {
  const { src, dst, record } = run;
  const known = record.backups[addon.id];
  if (known?.restored) return;
  const dstAddons = await about(`addons of ${run.dstApp}`, "GET /v1/apps/:app/addons", () => run.destination.read("addons", () => dst.addons.list(run.dstApp)));
  const target = dstAddons.find((a) => a.provider.name === addon.provider.name);
  const label = `import into ${target ? addonLabel(target, record.destinationRegion) : `addon ${addon.provider.name.toLowerCase()} on ${record.destinationRegion}`}`;
  if (!target) throw new ReconcileError(label, "the destination has no such addon: run prepare again");
  const sentinel = `RESTORE-OK-${backupId.replace(/[^A-Za-z0-9-]/g, "")}`;
  const logs = destinationLogs(run);
  const linesOf = async (oneOff: string, options: CallOptions = {}) => (await about(label, "GET /v1/apps/:app/logs", () => logs(options))).filter((l) => l.includes(`[${oneOff}]`));
  const sameBackup = known?.backupId === backupId;
  let oneOff = sameBackup ? known.restoreOneOff : null;
  // A one-off of a previous run that ended without success is done with: start a new one.
  if (oneOff) {
    const earlier = await linesOf(oneOff);
    if (exitOf(earlier) !== undefined && !succeeded(earlier, sentinel)) oneOff = null;
  } else if (sameBackup && known.restoreStarted && (await restoredBefore(run, label, sentinel, logs))) {
    record.backups[addon.id] = { backupId, restored: true };
    run.save();
    return;
  }
  let url: Secret | undefined;
  let startedAt: number | undefined;
  if (!oneOff) {
    // Fetched now, just before use: the pre-signed URL expires (10 minutes on Scalingo).
    url = await about(`backup ${backupId} of ${addonLabel(addon, record.sourceRegion)}`, "GET /api/databases/:id/backups/:id/archive", () => src.databases.archiveUrl(run.srcApp, addon.id, backupId));
    const archive = url;
    const variables = engine === "mysql" ? await about(`variables of ${run.dstApp}`, "GET /v1/apps/:app/variables", () => dst.variables.list(run.dstApp, { aliases: false })) : [];
    const databaseUrl = variables.find((v) => v.name === DATABASE_URL_VARIABLE.mysql)?.value;
    record.backups[addon.id] = { backupId, restored: false, restoreStarted: true };
    run.save();
    const started = await about(label, "POST /v1/apps/:app/run (detached restore one-off)", () =>
      dst.oneOffs.runDetached(run.dstApp, { command: restoreCommand(engine, sentinel), env: restoreEnv(engine, archive, databaseUrl) }),
    );
    startedAt = Date.now();
    oneOff = started.label;
    record.backups[addon.id] = { backupId, restored: false, restoreStarted: true, restoreOneOff: oneOff };
    run.save();
  }
  const running = oneOff;
  const lines = await waitFor(run, "restore", label, `the restore one-off ${running}`, (options) => linesOf(running, options), (own) => exitOf(own) !== undefined, startedAt);
  if (!succeeded(lines, sentinel)) {
    const exit = exitOf(lines);
    const errors = lines.filter((l) => /error|denied|not found|could not|Could not|\(\d+\)/.test(l)).map((l) => l.split(`[${running}] `)[1] ?? l);
    const said = errors.map((l) => (url ? l.split(reveal(url)).join("[redacted]") : l)).slice(-3).join(" | ");
    throw new ReconcileError(label, `the restore one-off ${running} failed (exit ${exit ?? "?"}): ${said || "no error line in the logs"}`);
  }
  record.backups[addon.id] = { backupId, restored: true, restoreOneOff: running };
  run.save();
}

function succeeded(lines: readonly string[], sentinel: string): boolean {
  return exitOf(lines) === "0" && lines.some((l) => l.includes(sentinel));
}

/** The exit status a one-off's log lines report, once it has ended. */
function exitOf(lines: readonly string[]): string | undefined {
  return /Process exited with status (\d+)/.exec(lines.find((l) => /Process exited with status/.test(l)) ?? "")?.[1];
}

/**
 * After a start whose answer was lost, or a kill while the restore ran: the one-off may have
 * run (or still run) unseen. Once no one-off runs on the new app, its logs say whether one
 * printed this backup's sentinel; only if none did is another started.
 */
async function restoredBefore(run: MigrationRun, label: string, sentinel: string, logs: (options?: CallOptions) => Promise<string[]>): Promise<boolean> {
  const { dst } = run;
  await waitFor(run, "restore", label, "a restore one-off started before", (options) => dst.formation.running(run.dstApp, options), (containers) => !containers.some((c) => c.type === "one-off"));
  return (await logs()).some((line) => line.includes(sentinel));
}

/**
 * The destination's log lines, read through the log service: its URL is fetched once (one
 * request on the budget) and read until the one-off exits; the log service itself is not on
 * the budget. An expired URL is fetched again, once.
 */
function destinationLogs(run: MigrationRun): (options?: CallOptions) => Promise<string[]> {
  let logsUrl: Secret | undefined;
  const read = async (options: CallOptions): Promise<string[]> => {
    logsUrl ??= await run.dst.logs.url(run.dstApp, options);
    const url = logsUrl;
    return run.dst.logs.linesAt(url, { lines: 500 }).catch((error: unknown) => {
      logsUrl = undefined;
      throw error;
    });
  };
  return (options = {}) => retryOnce(() => read(options));
}

/** A read through a pre-signed URL that may have expired since it was fetched: tried once more with a fresh one. */
async function retryOnce<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch {
    return read();
  }
}
