import type { AppDetails } from "../../../client/public";
import { about, ReconcileError } from "../errors";
import { waitOperation } from "../waiting";
import type { MigrationRun } from "../run";

/**
 * The destination app, created once: with the source's project (by name) and stack (by name),
 * then the same settings. Its id is saved the moment the create answers.
 *
 * A kill -9 between the create and that save leaves an app whose id nobody recorded. So the
 * intent to create (name, region) is written durably BEFORE the create, and only after a read
 * of that name found no app (the same read as the one just above). An app of that name seen
 * later by a run of this migration was therefore created after that read found none: by our
 * create, whose answer was lost. It is adopted (and abort deletes it). Without a recorded
 * intent, an app of that name is not ours: it is refused, never adopted nor deleted, even
 * though the preflight's dry run (`X-Dry-Run`) found the name free — that dry run may be days
 * old (stage `create`, then `prepare` later), so it proves nothing about who made the app.
 * What remains: someone on this same account (a read of another account's app answers 404)
 * creating an app of exactly this name in the milliseconds between that read and our create,
 * while this `up` is killed in between. Then our create failed, and the app adopted is theirs.
 */
export async function reconcileApp(run: MigrationRun): Promise<AppDetails> {
  const { dst, record } = run;
  const label = `app ${run.dstApp} on ${record.destinationRegion}`;
  const source = await about(`app ${run.srcApp} on ${record.sourceRegion}`, "GET /v1/apps/:app", () => run.sourceRead("app", () => run.src.apps.show(run.srcApp)));
  let app = await about(label, "GET /v1/apps/:app", () => dst.apps.find(record.destination.appId ?? run.dstApp));
  if (app && record.destination.appId && app.id !== record.destination.appId) {
    throw new ReconcileError(label, `an app of that name exists with id ${app.id}, not the ${record.destination.appId} this migration created: rename one of them`);
  }
  if (app && !record.destination.appId && !intendedHere(run)) {
    throw new ReconcileError(label, `an app of that name exists (id ${app.id}) that this migration did not create: choose another newName, or delete that app if it is a leftover of yours`);
  }
  if (!app) {
    const stack = await run.catalogue.stack(source.stackId);
    const projectId = source.project ? await projectOn(run, source.project.name) : undefined;
    record.destination.createIntent = { name: run.dstApp, region: record.destinationRegion, at: new Date().toISOString() };
    run.save();
    app = await about(label, "POST /v1/apps", () =>
      dst.apps.create({ name: run.dstApp, ...(stack.dst ? { stackId: stack.dst.id } : {}), ...(projectId ? { projectId } : {}), hdsResource: source.hdsResource }),
    );
    run.destination.markCreated();
  }
  Object.assign(record.destination, { appId: app.id, url: app.baseUrl || app.url, gitUrl: app.gitUrl });
  run.save();
  const wanted = { forceHttps: source.forceHttps, stickySession: source.stickySession, routerLogs: source.routerLogs };
  if (app.forceHttps !== wanted.forceHttps || app.stickySession !== wanted.stickySession || app.routerLogs !== wanted.routerLogs) {
    app = await about(label, "PATCH /v1/apps/:app (force_https, sticky_session, router_logs)", () => dst.apps.updateSettings(run.dstApp, wanted));
  }
  run.tally("settings", { copied: ["force_https", "sticky_session", "router_logs", "stack", ...(source.project ? ["project"] : [])], skipped: ["soft limits: read-only in the public API, ask Scalingo's support"] });
  return app;
}

/** Whether this migration wrote its intent to create the destination app under its name and region (see reconcileApp). */
export function intendedHere(run: MigrationRun): boolean {
  const intent = run.record.destination.createIntent;
  return !!intent && intent.name === run.dstApp && intent.region === run.record.destinationRegion;
}

/** The destination project of that name, created when missing (projects cannot be moved later). */
async function projectOn(run: MigrationRun, name: string): Promise<string> {
  const label = `project ${name} on ${run.record.destinationRegion}`;
  const projects = await about(label, "GET /v1/projects", () => run.dst.projects.list());
  const found = projects.find((p) => p.name === name);
  if (found) return found.id;
  return (await about(label, "POST /v1/projects", () => run.dst.projects.create(name))).id;
}

/**
 * Containers stay at 0 until finalize: before the first deployment Scalingo records the
 * amounts, so the deployment starts nothing. After it, the types exist and get their sizes.
 */
export async function holdContainersAtZero(run: MigrationRun, deployed: boolean): Promise<void> {
  const { dst } = run;
  const source = await about(`formation of ${run.srcApp}`, "GET /v1/apps/:app/containers", () => run.sourceRead("formation", () => run.src.formation.containers(run.srcApp)));
  // Before the first deployment a new app has no process type; after it, the code's types.
  const current = await about(`formation of ${run.dstApp}`, "GET /v1/apps/:app/containers", () =>
    run.destination.read("containers", () => dst.formation.containers(run.dstApp), deployed ? undefined : [], deployed ? "deployed" : ""),
  );
  const targets = source
    .filter((c) => !deployed || current.some((d) => d.name === c.name))
    .filter((c) => {
      const now = current.find((d) => d.name === c.name);
      return !now || now.amount !== 0 || (deployed && c.size !== "" && now.size !== c.size);
    })
    .map((c) => ({ name: c.name, amount: 0, ...(deployed && c.size ? { size: c.size } : {}) }));
  if (!targets.length) return;
  const label = `formation of ${run.dstApp} on ${run.record.destinationRegion}`;
  const result = await about(label, "POST /v1/apps/:app/scale", () => dst.formation.scale(run.dstApp, targets));
  if (deployed) run.destination.remember("containers", current.map((c) => ({ ...c, ...targets.find((t) => t.name === c.name) })), "deployed");
  if (result.operation) await waitOperation(run, label, result.operation);
}
