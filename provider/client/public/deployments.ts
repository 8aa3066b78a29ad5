import { z } from "zod";
import { seg, type CallOptions } from "./connection";
import type { RegionChannel } from "./region-channel";
import { reveal, secretFragments, type SecretInput } from "./secret";
import { collectPages, count, pageQuery, pageSchema, parseAnswer, text, type Page, type PageRequest } from "./wire";

/** `building`, `pushing`, `starting`, `success`, or an end in error (see deploymentSettled). */
export type DeploymentStatus = string;

export interface Deployment {
  id: string;
  status: DeploymentStatus;
  gitRef: string;
  createdAt: string;
  imageSize: number;
  pusher: string;
}

/** How a deployment ends badly (contract §2.8). */
export const DEPLOYMENT_FAILURES: readonly string[] = ["build-error", "crashed-error", "timeout-error", "hook-error", "aborted"];

export function deploymentSettled(deployment: Deployment): boolean {
  return deployment.status === "success" || DEPLOYMENT_FAILURES.includes(deployment.status);
}

export const deploymentFields = z
  .object({
    id: z.string(),
    status: z.string(),
    git_ref: z.string().nullish(),
    created_at: text,
    image_size: count,
    pusher: z.object({ username: text, email: text }).nullish(),
  })
  .transform(
    (d): Deployment => ({
      id: d.id,
      status: d.status,
      gitRef: d.git_ref ?? "",
      createdAt: d.created_at,
      imageSize: d.image_size,
      pusher: d.pusher?.username || d.pusher?.email || "",
    }),
  );
export const deploymentSchema = z.object({ deployment: deploymentFields }).transform((b) => b.deployment);
const pageOfDeployments = pageSchema("deployments", deploymentFields);

/** Deployments: from an archive URL, then poll until it settles. Newest first in lists. */
export class Deployments {
  constructor(private readonly channel: RegionChannel) {}

  async list(app: string, page: PageRequest = {}, options?: CallOptions): Promise<Page<Deployment>> {
    const path = `/v1/apps/${seg(app)}/deployments`;
    return parseAnswer(pageOfDeployments, await this.channel.call({ method: "GET", path, query: pageQuery(page) }, options));
  }

  /** Every deployment, following `next_page` (at most `maxPages` requests). */
  listAll(app: string, { perPage = 100, maxPages = 20 }: { perPage?: number; maxPages?: number } = {}, options?: CallOptions): Promise<Deployment[]> {
    return collectPages((page) => this.list(app, { page, perPage }, options), undefined, maxPages);
  }

  /** Polled while it builds: a poll unless told otherwise. */
  async show(app: string, deploymentId: string, options?: CallOptions): Promise<Deployment> {
    const path = `/v1/apps/${seg(app)}/deployments/${seg(deploymentId)}`;
    return parseAnswer(deploymentSchema, await this.channel.call({ method: "GET", path }, { priority: "poll", ...options }));
  }

  /**
   * Deploys a gzip tarball (one top-level folder) from `sourceUrl`: a Sources download URL, or
   * any URL Scalingo can fetch. Starts `building`. DEVDOC says 200, go-scalingo 201: both read.
   */
  async create(app: string, sourceUrl: SecretInput, gitRef?: string, options?: CallOptions): Promise<Deployment> {
    const body = { deployment: { source_url: reveal(sourceUrl), ...(gitRef ? { git_ref: gitRef } : {}) } };
    const path = `/v1/apps/${seg(app)}/deployments`;
    return parseAnswer(deploymentSchema, await this.channel.call({ method: "POST", path, body, secrets: secretFragments([sourceUrl]) }, options));
  }

  /** The build log, as plain text. */
  async output(app: string, deploymentId: string, options?: CallOptions): Promise<string> {
    const path = `/v1/apps/${seg(app)}/deployments/${seg(deploymentId)}/output`;
    const answer = await this.channel.call({ method: "GET", path, responseType: "text" }, options);
    return String(answer.body);
  }
}
