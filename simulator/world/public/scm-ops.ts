import { InvalidError, NotFoundError } from "../../domain-errors";
import { requireWritable } from "../app-operations";
import { prefixedId, stablePrefixedId } from "../ids";
import type { Account, App, Deployment, ScmLink, ScmRepo } from "../types";
import { recordEvent } from "./app-activity";
import { isoAt, type PublicContext } from "./context";
import { deployCommit } from "./deployment-ops";

/**
 * SCM links (§2.5). Integrations are account-wide (the auth service lists them); repositories
 * exist only as fixtures, so a link to any other repository is refused.
 */

export interface ScmIntegration {
  id: string;
  scmType: string;
  url: string;
}

const HOSTS: Record<string, string> = { github: "https://github.com", gitlab: "https://gitlab.com" };

export function integrationsOf(account: Account): ScmIntegration[] {
  return Object.entries(HOSTS).map(([scmType, url]) => ({ id: stablePrefixedId("int", `integration:${account.id}:${scmType}`), scmType, url }));
}

export function requireLink(app: App): ScmLink {
  if (!app.scm) throw new NotFoundError("scm_repo_link");
  return app.scm;
}

export interface LinkSettings {
  branch?: string;
  autoDeployEnabled?: boolean;
  deployReviewAppsEnabled?: boolean;
  deleteOnCloseEnabled?: boolean;
  hoursBeforeDeleteOnClose?: number;
  deleteStaleEnabled?: boolean;
  hoursBeforeDeleteStale?: number;
  automaticCreationFromForksAllowed?: boolean;
}

export function createLink(ctx: PublicContext, app: App, caller: Account, source: string, integrationUuid: string, settings: LinkSettings): ScmLink {
  requireWritable(app);
  if (app.scm) throw new InvalidError("scm_repo_link", "the app is already linked to a repository");
  const integration = integrationsOf(caller).find((i) => i.id === integrationUuid);
  if (!integration) throw new InvalidError("auth_integration_uuid", "is not one of your SCM integrations");
  const repo = repoAt(ctx, source, integration);
  const now = isoAt(ctx.now());
  app.scm = {
    id: prefixedId("scm"),
    type: repo.type,
    owner: repo.owner,
    repo: repo.repo,
    branch: settings.branch ?? Object.keys(repo.branches)[0],
    authIntegrationUuid: integration.id,
    linkerId: caller.id,
    createdAt: now,
    updatedAt: now,
  };
  applySettings(app.scm, settings);
  recordEvent(app, "link_scm", caller.id, { repo: `${repo.owner}/${repo.repo}`, branch: app.scm.branch });
  return app.scm;
}

export function updateLink(ctx: PublicContext, app: App, settings: LinkSettings, userId: string): ScmLink {
  requireWritable(app);
  const link = requireLink(app);
  applySettings(link, settings);
  link.updatedAt = isoAt(ctx.now());
  recordEvent(app, "update_scm", userId, { repo: `${link.owner}/${link.repo}`, branch: link.branch });
  return link;
}

export function deleteLink(app: App, userId: string): void {
  requireWritable(app);
  const link = requireLink(app);
  app.scm = null;
  recordEvent(app, "unlink_scm", userId, { repo: `${link.owner}/${link.repo}` });
}

/** Deploys the branch's HEAD (there is no commit parameter). */
export function manualDeploy(ctx: PublicContext, app: App, branch: string, userId: string): Deployment {
  const link = requireLink(app);
  const repo = ctx.world.current.scmRepos.find((r) => r.owner === link.owner && r.repo === link.repo);
  const head = repo?.branches[branch];
  if (!repo || !head) throw new InvalidError("branch", `branch '${branch}' not found in ${link.owner}/${link.repo}`);
  return deployCommit(ctx, app, head, repo.procfile, userId);
}

export function linkUrl(link: ScmLink): string {
  return `${HOSTS[link.type] ?? "https://github.com"}/${link.owner}/${link.repo}`;
}

function repoAt(ctx: PublicContext, source: string, integration: ScmIntegration): ScmRepo {
  const prefix = `${integration.url}/`;
  const path = source.startsWith(prefix) ? source.slice(prefix.length).replace(/\.git$/, "").replace(/\/$/, "") : "";
  const [owner, repo, extra] = path.split("/");
  const found = ctx.world.current.scmRepos.find((r) => r.type === integration.scmType && r.owner === owner && r.repo === repo);
  if (!owner || !repo || extra !== undefined || !found) {
    throw new InvalidError("source", `no repository at '${source}' is reachable through the ${integration.scmType} integration`);
  }
  return found;
}

function applySettings(link: ScmLink, settings: LinkSettings): void {
  if (settings.branch !== undefined) link.branch = settings.branch;
  link.autoDeployEnabled = settings.autoDeployEnabled ?? link.autoDeployEnabled ?? false;
  link.deployReviewAppsEnabled = settings.deployReviewAppsEnabled ?? link.deployReviewAppsEnabled ?? false;
  link.deleteOnCloseEnabled = settings.deleteOnCloseEnabled ?? link.deleteOnCloseEnabled ?? false;
  link.hoursBeforeDeleteOnClose = settings.hoursBeforeDeleteOnClose ?? link.hoursBeforeDeleteOnClose ?? 0;
  link.deleteStaleEnabled = settings.deleteStaleEnabled ?? link.deleteStaleEnabled ?? false;
  link.hoursBeforeDeleteStale = settings.hoursBeforeDeleteStale ?? link.hoursBeforeDeleteStale ?? 0;
  link.automaticCreationFromForksAllowed = settings.automaticCreationFromForksAllowed ?? link.automaticCreationFromForksAllowed ?? false;
}
