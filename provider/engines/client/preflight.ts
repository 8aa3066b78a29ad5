import type { RegionApi } from "../../client/public";
import { ScalingoValidationError } from "../../client/errors";
import { MigrationFailedError } from "../../migration/errors";
import { about, ReconcileError } from "./errors";
import { addonLabel, dataMoveOf } from "./addon-kinds";
import { versionVerdict } from "./database-versions";
import { codeSourceOf } from "./prepare/code";
import { certificateDomains } from "./prepare/domains";
import type { MigrationRun } from "./run";
import { snapshotOfRecord } from "./status";

/**
 * `create`: everything the migration will need, checked with reads and one dry run, and no
 * write anywhere. Each check is a ✔/✘ line; all run, then any ✘ refuses the migration
 * (`preflight-error`) with every reason at once. What a person must do by hand is listed.
 */
export async function preflight(run: MigrationRun): Promise<void> {
  const { src, dst, record, spec } = run;
  const ok: boolean[] = [];
  ok.push(
    await run.check(`Check access to ${record.destinationRegion}`, async () => {
      const regions = await about(`region ${record.destinationRegion}`, "GET auth/v1/regions", () => run.api.regions());
      if (!regions.some((r) => r.name === record.destinationRegion)) {
        throw new ReconcileError(`region ${record.destinationRegion}`, `this account cannot use it (it may use ${regions.map((r) => r.name).join(", ")}): SecNumCloud regions need Scalingo's support to open access`);
      }
    }),
  );
  const app = await about(`app ${spec.app} on ${record.sourceRegion}`, "GET /v1/apps/:app", () => run.sourceRead("app", () => src.apps.show(spec.app)));
  Object.assign(record.source, { appId: app.id, appName: app.name });
  record.dstAppName = spec.newName || app.name;
  const stack = await run.catalogue.stack(app.stackId);
  ok.push(
    await run.check(`Check if the name ${record.dstAppName} is available on ${record.destinationRegion}`, async () => {
      if (record.destination.appId && (await dst.apps.find(record.destination.appId))) return; // ours, from a resumed run
      await nameAvailable(dst, record.dstAppName, stack.dst?.id, record.destinationRegion);
    }),
  );
  ok.push(
    await run.check("Check stack, container sizes and addon plans by name", async () => {
      const missing: string[] = [];
      if (!stack.dst) missing.push(`stack ${stack.name}`);
      const sizes = new Set((await run.catalogue.dstSizes()).map((s) => s.name));
      for (const container of await run.sourceRead("formation", () => src.formation.containers(app.name))) if (container.size && !sizes.has(container.size)) missing.push(`container size ${container.size} (${container.name})`);
      for (const addon of await run.sourceRead("addons", () => src.addons.list(app.name))) {
        const mapped = await run.catalogue.plan(addon.provider.name, addon.plan.name);
        if ("missing" in mapped) missing.push(`${addonLabel(addon, record.destinationRegion)}: no such ${mapped.missing}`);
      }
      for (const notifier of await run.sourceRead("notifiers", () => src.notifiers.list(app.name))) {
        const platform = await run.catalogue.platform(notifier.platformId);
        if (!platform.dst) missing.push(`notification platform ${platform.name} (notifier ${notifier.name})`);
      }
      if (missing.length) throw new ReconcileError(`app ${app.name}`, `${record.destinationRegion} has no ${missing.join("; no ")}`);
    }),
  );
  ok.push(
    await run.check("Check addons and database versions", async () => {
      const downgrades: string[] = [];
      for (const addon of await run.sourceRead("addons", () => src.addons.list(app.name))) {
        const move = dataMoveOf(addon);
        if (move.kind === "manual") {
          run.manual({ id: `data:${addon.provider.name.toLowerCase()}`, action: `Move the data of ${addonLabel(addon, record.sourceRegion)} yourself`, why: move.why, blocking: false });
          continue;
        }
        const database = await about(addonLabel(addon, record.sourceRegion), "GET /api/databases/:id", () => src.databases.show(app.name, addon.id));
        const offered = await about(`${database.typeName} on ${record.destinationRegion}`, "GET /v1/database_types", () => run.catalogue.dstDefaultDatabaseVersion(database.typeName));
        const blocker = versionCheck(run, addon.provider.name, database.readableVersion, offered);
        if (blocker) downgrades.push(blocker);
      }
      if (downgrades.length) throw new ReconcileError(`app ${app.name}`, downgrades.join("; "));
    }),
  );
  ok.push(
    await run.check("Check where the code comes from", async () => {
      const code = await codeSourceOf(run);
      if (code.kind === "git-push") {
        run.manual({
          id: "code:git-push",
          action: `Push your code to the new app's git remote (gitUrl) once prepare has run`,
          why: `${app.name} is deployed by git push: the public API cannot read its code (no SCM link, no sourceArchive). finalize waits until a deployment succeeded`,
          blocking: true,
        });
      }
    }),
  );
  ok.push(
    await run.check("Check domains and certificates", async () => {
      const domains = await run.sourceRead("domains", () => src.domains.list(app.name));
      record.domainNames = domains.map((d) => d.name);
      for (const domain of certificateDomains(domains)) {
        if (spec.certificates?.[domain.name.toLowerCase()]) continue;
        run.manual({
          id: `certificate:${domain.name}`,
          action: `Upload the certificate and key of ${domain.name} on the new app (or declare them in certificates)`,
          why: "Scalingo never returns an uploaded certificate's key",
          blocking: false,
        });
      }
    }),
  );
  run.save();
  if (ok.every(Boolean)) return;
  record.status = "preflight-error";
  record.finishedAt = new Date().toISOString();
  run.save();
  throw new MigrationFailedError(snapshotOfRecord(record));
}

/**
 * A new database gets the destination's default version, and a dump restores forward only:
 * a source newer than that default is a blocker (its text is returned), an older one a
 * warning (the restore upgrades it), an unknown default a warning too. Same version: nothing.
 */
function versionCheck(run: MigrationRun, provider: string, source: string, offered: string | undefined): string | undefined {
  const { record } = run;
  const id = `db-version:${provider.toLowerCase()}`;
  if (offered === undefined) {
    run.manual({ id, action: `Check your app against the ${provider} version of ${record.destinationRegion}`, why: `the source runs ${source}; ${record.destinationRegion} does not say which version a new database gets`, blocking: false });
    return undefined;
  }
  const verdict = versionVerdict(source, offered);
  if (verdict === "same") {
    run.resolved(id);
    return undefined;
  }
  if (verdict === "upgrade") {
    run.manual({ id, action: `Check your app against ${provider} ${offered}`, why: `the source runs ${source}; a new database on ${record.destinationRegion} gets ${offered} (its default), and the data is restored into it`, blocking: false });
    return undefined;
  }
  run.manual({
    id,
    action: `Get ${provider} ${source} or newer on ${record.destinationRegion} from Scalingo's support before migrating`,
    why: `the source runs ${source}, newer than the ${offered} a new database gets there, and a dump does not restore into an older version`,
    blocking: true,
  });
  return `${provider} ${source} would need a downgrade: ${record.destinationRegion} provisions ${offered} (its default), and the public API cannot pick a version`;
}

/** The destination name check, as Scalingo's create would do it, without creating (X-Dry-Run). */
async function nameAvailable(dst: RegionApi, name: string, stackId: string | undefined, region: string): Promise<void> {
  try {
    await dst.apps.validateCreate({ name, ...(stackId ? { stackId } : {}) });
  } catch (error) {
    if (error instanceof ScalingoValidationError) {
      const reasons = Object.entries(error.fieldErrors).map(([field, messages]) => `${field} ${messages.join(", ")}`);
      throw new ReconcileError(`app name ${name} on ${region}`, `not available: ${reasons.join("; ") || error.serverMessage || "refused"}`);
    }
    throw new ReconcileError(`app name ${name} on ${region}`, "POST /v1/apps (X-Dry-Run) failed", error);
  }
}
