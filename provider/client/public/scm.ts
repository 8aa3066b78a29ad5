import { z } from "zod";
import { ScalingoNotFoundError } from "../errors";
import { seg, type CallOptions } from "./connection";
import { deploymentSchema, type Deployment } from "./deployments";
import type { RegionChannel } from "./region-channel";
import { count, flag, parseAnswer, text, toWire } from "./wire";

/** The flags of an SCM link: what a copy must carry over, and what a freeze turns off. */
export interface ScmLinkSettings {
  branch?: string;
  autoDeployEnabled?: boolean;
  deployReviewAppsEnabled?: boolean;
  deleteOnCloseEnabled?: boolean;
  hoursBeforeDeleteOnClose?: number;
  deleteStaleEnabled?: boolean;
  hoursBeforeDeleteStale?: number;
  automaticCreationFromForksAllowed?: boolean;
}

export interface ScmLink extends Required<ScmLinkSettings> {
  id: string;
  /** `github`, `gitlab`, `github-enterprise`, `gitlab-self-hosted`. */
  scmType: string;
  /** The integration's base URL (`https://github.com`); the repository is `<url>/<owner>/<repo>`. */
  url: string;
  owner: string;
  repo: string;
  authIntegrationUuid: string;
  linker: { username: string; email: string } | null;
}

export interface CreateScmLinkSpec extends ScmLinkSettings {
  /** The repository's full URL: the integration's URL, then `/owner/repo`. */
  source: string;
  authIntegrationUuid: string;
}

/** An SCM integration of the account (auth service). Its access token is never read. */
export interface ScmIntegration {
  id: string;
  scmType: string;
  url: string;
  username: string;
}

const linkSchema = z
  .object({
    scm_repo_link: z.object({
      id: z.string(),
      scm_type: text,
      url: text,
      owner: text,
      repo: text,
      branch: text,
      auth_integration_uuid: text,
      linker: z.object({ username: text, email: text }).nullish(),
      auto_deploy_enabled: flag,
      deploy_review_apps_enabled: flag,
      delete_on_close_enabled: flag,
      hours_before_delete_on_close: count,
      delete_stale_enabled: flag,
      hours_before_delete_stale: count,
      automatic_creation_from_forks_allowed: flag,
    }),
  })
  .transform(
    ({ scm_repo_link: l }): ScmLink => ({
      id: l.id,
      scmType: l.scm_type,
      url: l.url,
      owner: l.owner,
      repo: l.repo,
      branch: l.branch,
      authIntegrationUuid: l.auth_integration_uuid,
      linker: l.linker ?? null,
      autoDeployEnabled: l.auto_deploy_enabled,
      deployReviewAppsEnabled: l.deploy_review_apps_enabled,
      deleteOnCloseEnabled: l.delete_on_close_enabled,
      hoursBeforeDeleteOnClose: l.hours_before_delete_on_close,
      deleteStaleEnabled: l.delete_stale_enabled,
      hoursBeforeDeleteStale: l.hours_before_delete_stale,
      automaticCreationFromForksAllowed: l.automatic_creation_from_forks_allowed,
    }),
  );

export const integrationsSchema = z
  .object({ scm_integrations: z.array(z.object({ id: z.string(), scm_type: text, url: text, username: text })) })
  .transform((b) => b.scm_integrations.map((i): ScmIntegration => ({ id: i.id, scmType: i.scm_type, url: i.url, username: i.username })));

/** The app's link to a GitHub/GitLab repository. */
export class Scm {
  constructor(private readonly channel: RegionChannel) {}

  /** The link, or null when the app has none (Scalingo answers 404 `scm_repo_link`). */
  async show(app: string, options?: CallOptions): Promise<ScmLink | null> {
    try {
      return parseAnswer(linkSchema, await this.channel.call({ method: "GET", path: linkPath(app) }, options));
    } catch (error) {
      if (error instanceof ScalingoNotFoundError && error.resource === "scm_repo_link") return null;
      throw error;
    }
  }

  /** Created by the token's holder, whose own integration must reach the repository. */
  async create(app: string, spec: CreateScmLinkSpec, options?: CallOptions): Promise<ScmLink> {
    const body = { scm_repo_link: toWire(spec) };
    return parseAnswer(linkSchema, await this.channel.call({ method: "POST", path: linkPath(app), body }, options));
  }

  async update(app: string, settings: ScmLinkSettings, options?: CallOptions): Promise<ScmLink> {
    const body = { scm_repo_link: toWire(settings) };
    return parseAnswer(linkSchema, await this.channel.call({ method: "PATCH", path: linkPath(app), body }, options));
  }

  async delete(app: string, options?: CallOptions): Promise<void> {
    await this.channel.call({ method: "DELETE", path: linkPath(app) }, options);
  }

  /** Deploys the branch's HEAD (there is no SHA parameter); poll the deployment. */
  async manualDeploy(app: string, branch: string, options?: CallOptions): Promise<Deployment> {
    const answer = await this.channel.call({ method: "POST", path: `${linkPath(app)}/manual_deploy`, body: { branch } }, options);
    return parseAnswer(deploymentSchema, answer);
  }
}

function linkPath(app: string): string {
  return `/v1/apps/${seg(app)}/scm_repo_link`;
}
