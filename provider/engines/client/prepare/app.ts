import type { AppDetails } from "../../../client/public";
import { about, ReconcileError } from "../errors";
import { waitOperation } from "../waiting";
import type { MigrationRun } from "../run";

/**
 * The destination app, created once: with the source's project (by name) and stack (by name),
 * then the same settings. Its id is saved the moment it exists; a run killed between the
 * create and the save finds it by name the next time (the preflight's dry run proved the name
 * was free, so an app of that name is ours).
 */
export async function reconcileApp(run: MigrationRun): Promise<AppDetails> {
  const { dst, record } = run;
  const label = `app ${run.dstApp} on ${record.destinationRegion}`;
  const source = await about(`app ${run.srcApp} on ${record.sourceRegion}`, "GET /v1/apps/:app", () => run.sourceRead("app", () => run.src.apps.show(run.srcApp)));
  let app = await about(label, "GET /v1/apps/:app", () => dst.apps.find(record.destination.appId ?? run.dstApp));
  if (app && record.destination.appId && app.id !== record.destination.appId) {
    throw new ReconcileError(label, `an app of that name exists with id ${app.id}, not the ${record.destination.appId} this migration created: rename one of them`);
  }
  if (!app) {
    const stack = await run.catalogue.stack(source.stackId);
    const projectId = source.project ? await projectOn(run, source.project.name) : undefined;
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
