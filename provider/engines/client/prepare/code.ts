import { DEPLOYMENT_FAILURES, deploymentSettled, Secret, type Deployment } from "../../../client/public";
import { about, ReconcileError } from "../errors";
import type { MigrationRun } from "../run";
import { waitFor } from "../waiting";

/** Where the destination's code comes from. */
export type CodeSource =
  | { kind: "scm"; branch: string }
  | { kind: "archive-file"; path: string }
  | { kind: "archive-url"; url: Secret }
  | { kind: "git-push" };

export async function codeSourceOf(run: MigrationRun): Promise<CodeSource> {
  const link = await about(`SCM link of ${run.srcApp}`, "GET /v1/apps/:app/scm_repo_link", () => run.sourceRead("scm", () => run.src.scm.show(run.srcApp)));
  if (link) return { kind: "scm", branch: link.branch };
  const archive = run.spec.sourceArchive ?? "";
  if (/^https?:\/\//.test(archive)) return { kind: "archive-url", url: new Secret(archive) };
  if (archive) return { kind: "archive-file", path: archive };
  return { kind: "git-push" };
}

/**
 * The code on the destination, built once: the branch HEAD through the SCM link, or the
 * archive the user supplied. A deployment already there (ours from a killed run, or one a
 * person pushed) is waited for instead of starting another; a failed one is retried.
 * A git-push app without an archive gets nothing here: its gitUrl and a manual action.
 * Returns whether a deployment succeeded.
 */
export async function reconcileCode(run: MigrationRun): Promise<boolean> {
  const { dst, record } = run;
  const label = `deployment of ${run.dstApp} on ${record.destinationRegion}`;
  const latest = await about(label, "GET /v1/apps/:app/deployments", () => recentDeployments(run));
  const live = latest.find((d) => !DEPLOYMENT_FAILURES.includes(d.status));
  let deployment: Deployment | undefined = live;
  let startedAt: number | undefined;
  if (!deployment) {
    const source = await codeSourceOf(run);
    deployment = await startDeployment(run, source, label);
    if (!deployment) return false;
    startedAt = Date.now();
  }
  record.deploymentId = deployment.id;
  run.save();
  const id = deployment.id;
  const ended = deployment.status === "success" ? deployment : await waitFor(run, "deployment", label, "the build", (options) => dst.deployments.show(run.dstApp, id, options), deploymentSettled, startedAt);
  run.destination.remember("deployments", [ended]);
  if (ended.status !== "success") throw new ReconcileError(`${label} (deployment ${id})`, `the build ended ${ended.status} (see \`scalingo --region ${record.destinationRegion} --app ${run.dstApp} deployment-logs ${id}\`)`);
  run.resolved("code:git-push");
  return true;
}

async function startDeployment(run: MigrationRun, source: CodeSource, label: string): Promise<Deployment | undefined> {
  const { dst } = run;
  switch (source.kind) {
    case "scm":
      return about(label, `POST /v1/apps/:app/scm_repo_link/manual_deploy (branch ${source.branch})`, () => dst.scm.manualDeploy(run.dstApp, source.branch));
    case "archive-file": {
      const url = await about(`code archive ${source.path}`, "POST /v1/sources, then PUT <source upload URL>", () => dst.sources.uploadFile(source.path));
      return about(label, "POST /v1/apps/:app/deployments (uploaded archive)", () => dst.deployments.create(run.dstApp, url));
    }
    case "archive-url":
      return about(label, "POST /v1/apps/:app/deployments (sourceArchive URL)", () => dst.deployments.create(run.dstApp, source.url));
    case "git-push":
      run.manual({
        id: "code:git-push",
        action: `Push your code to ${run.record.destination.gitUrl ?? "the new app's git remote (gitUrl)"}`,
        why: `${run.srcApp} is deployed by git push: the public API cannot read its code (no SCM link, no sourceArchive). finalize waits until a deployment succeeded`,
        blocking: true,
      });
      return undefined;
  }
}

/**
 * A deployment that succeeded on the destination, or the reason there is none: finalize
 * refuses to start an app that never built, and the data step's restore runs in a one-off of
 * the app's image. A git-push app waits for its push; others are deployed now.
 */
export async function requireDeployment(run: MigrationRun): Promise<void> {
  const latest = await about(`deployments of ${run.dstApp}`, "GET /v1/apps/:app/deployments", () => recentDeployments(run));
  if (latest.some((d) => d.status === "success")) {
    run.resolved("code:git-push"); // pushed by the person, as asked
    return;
  }
  const source = await codeSourceOf(run);
  if (source.kind === "git-push") {
    throw new ReconcileError(
      `app ${run.dstApp} on ${run.record.destinationRegion}`,
      `no deployment has succeeded yet: push your code to ${run.record.destination.gitUrl ?? "the new app's gitUrl"}, then run \`pulumi up\` again`,
    );
  }
  await reconcileCode(run);
}

/** The destination's last few deployments, as this run knows them (none on an app it just created). */
function recentDeployments(run: MigrationRun): Promise<Deployment[]> {
  return run.destination.read("deployments", async () => (await run.dst.deployments.list(run.dstApp, { perPage: 5 })).items, []);
}
