import { InvalidError, NotFoundError } from "../../domain-errors";
import { requireWritable } from "../app-operations";
import { uuid } from "../ids";
import type { App, Deployment, DeploymentStatus, Source } from "../types";
import { appendLog, recordEvent } from "./app-activity";
import { parseProcfile, readTarball } from "./archive";
import { isoAt, type PublicContext } from "./context";
import { fetchUrl } from "./storage";

/**
 * Code (§2.8, §3): sources give upload/download URLs; a deployment from a `source_url` (or an SCM
 * manual deploy) builds for a while, then sets the app's last deployment and creates the
 * process types of its Procfile.
 */

export function createSource(ctx: PublicContext, region: string): Source {
  const now = ctx.now();
  const source: Source = { id: uuid(), region, createdAt: isoAt(now), expiresAtMs: now + ctx.timings.get().urlTtl, archive: null };
  const sources = ctx.world.current.sources.filter((s) => s.expiresAtMs > now);
  sources.push(source);
  ctx.world.current.sources = sources;
  return source;
}

export function deploymentById(app: App, id: string): Deployment {
  const deployment = app.deployments.find((d) => d.id === id);
  if (!deployment) throw new NotFoundError("deployment");
  return deployment;
}

interface BuildPlan {
  procfile: Record<string, string>;
  /** Why the build fails, or null. */
  failure: string | null;
}

/** Deploys the gzip tarball at `sourceUrl`, read now as the builder would download it. */
export function deployArchive(ctx: PublicContext, app: App, sourceUrl: string, gitRef: string | undefined, userId: string): Deployment {
  requireWritable(app);
  if (!sourceUrl) throw new InvalidError("source_url", "can't be blank");
  const plan = planFromArchive(ctx, app, sourceUrl);
  return startDeployment(ctx, app, { gitRef: gitRef || "archive", sourceUrl, userId, plan });
}

export function deployCommit(ctx: PublicContext, app: App, gitRef: string, procfile: Record<string, string>, userId: string): Deployment {
  requireWritable(app);
  return startDeployment(ctx, app, { gitRef, sourceUrl: null, userId, plan: { procfile, failure: null } });
}

function planFromArchive(ctx: PublicContext, app: App, sourceUrl: string): BuildPlan {
  const fetched = fetchUrl(ctx, sourceUrl);
  if (!fetched.ok) {
    return { procfile: {}, failure: `Fail to download the archive: ${fetched.status ? `HTTP ${fetched.status} ` : ""}${fetched.error}` };
  }
  const archive = readTarball(fetched.body);
  if (!archive.ok) return { procfile: {}, failure: `Invalid archive: ${archive.error}` };
  if (archive.topLevel.length !== 1) {
    return { procfile: {}, failure: `Invalid archive: it must contain exactly one top-level folder (found: ${archive.topLevel.join(", ") || "none"})` };
  }
  const procfile = archive.entries.find((e) => e.path === `${archive.topLevel[0]}/Procfile`);
  return { procfile: procfile ? parseProcfile(procfile.content.toString("utf8")) : { ...app.procfile }, failure: null };
}

function startDeployment(ctx: PublicContext, app: App, input: { gitRef: string; sourceUrl: string | null; userId: string; plan: BuildPlan }): Deployment {
  const now = ctx.now();
  const deployment: Deployment = {
    id: uuid(),
    gitRef: input.gitRef,
    status: "building",
    createdAt: isoAt(now),
    pusherId: input.userId,
    sourceUrl: input.sourceUrl,
    procfile: input.plan.procfile,
    output: [`-----> Receiving ${input.gitRef}`, "-----> Building the application"],
    imageSize: 0,
    finishedAt: null,
  };
  app.deployments.push(deployment);
  const duration = ctx.timings.get().deployment;
  const failure = input.plan.failure ?? ctx.failures.take("deploy", app);
  const step = (at: number, status: DeploymentStatus, fail: string | null) =>
    ctx.world.schedule(now + duration * at, { kind: "deployment-step", appId: app.id, deploymentId: deployment.id, status, fail });
  if (failure !== null) {
    step(0.6, "build-error", failure);
  } else {
    step(0.6, "pushing", null);
    step(0.8, "starting", null);
    step(1, "success", null);
  }
  return deployment;
}

/** One step of a running deployment; the last one applies it to the app. */
export function advanceDeployment(app: App, deployment: Deployment, status: DeploymentStatus, fail: string | null, atMs: number): void {
  deployment.status = status;
  const output = (deployment.output ??= []);
  if (status === "pushing") output.push("-----> Build succeeded", "-----> Pushing the image");
  if (status === "starting") output.push("-----> Starting the containers");
  if (status === "build-error") output.push(` !     ${fail ?? "Build failed"}`);
  if (status !== "success" && status !== "build-error") return;
  deployment.finishedAt = isoAt(atMs);
  appendLog(app, "build", output.join("\n"), atMs);
  recordEvent(app, "deployment", deployment.pusherId ?? null, { deployment_id: deployment.id, git_ref: deployment.gitRef, status, pusher: "" }, atMs);
  if (status !== "success") return;
  output.push("-----> Deployment succeeded");
  deployment.imageSize = 100 * 1024 * 1024;
  applyProcfile(app, deployment.procfile ?? app.procfile);
  app.lastDeployment = deployment;
  app.updatedAt = isoAt(atMs);
}

/** The first deployment starts one web container, unless the app was scaled before it. */
function applyProcfile(app: App, procfile: Record<string, string>): void {
  const firstDeploy = app.lastDeployment === null;
  for (const [type, command] of Object.entries(procfile)) {
    const entry = app.formation.find((f) => f.name === type);
    if (entry) entry.command = command;
    else app.formation.push({ name: type, amount: firstDeploy && type === "web" ? 1 : 0, size: "M", command });
  }
  app.procfile = { ...procfile };
  app.status = app.formation.some((f) => f.amount > 0) ? "running" : "stopped";
}
