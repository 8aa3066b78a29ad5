import { z } from "zod";
import { ScalingoNotFoundError } from "../errors";
import type { App } from "../types";
import { seg, type CallOptions } from "./connection";
import type { RegionChannel } from "./region-channel";
import { flag, parseAnswer, text, toWire } from "./wire";

/** An app as `GET /v1/apps/:app` shows it (contract §2.1); `status`: `new`, `running`, `stopped`, `scaling`, `restarting`, … */
export interface AppDetails extends App {
  /** This region's id of the stack: map it to the other region by the stack's name. */
  stackId: string;
  project: { id: string; name: string } | null;
  forceHttps: boolean;
  stickySession: boolean;
  routerLogs: boolean;
  hdsResource: boolean;
  /** The last successful deployment, if any. */
  lastDeploymentId: string | null;
  lastDeployedAt: string | null;
  owner: { id: string; email: string; username: string } | null;
  /** Soft limits set by Scalingo's operators: read-only. */
  limits: Record<string, unknown>;
}

export interface CreateAppSpec {
  name: string;
  projectId?: string;
  stackId?: string;
  hdsResource?: boolean;
}

export interface AppSettings {
  forceHttps?: boolean;
  stickySession?: boolean;
  routerLogs?: boolean;
  stackId?: string;
  projectId?: string;
}

const appFields = z
  .object({
    id: z.string(),
    name: z.string(),
    region: text,
    status: text,
    url: text,
    base_url: text,
    git_url: text,
    stack_id: text,
    project: z.object({ id: z.string(), name: text }).nullish(),
    force_https: flag,
    sticky_session: flag,
    router_logs: flag,
    hds_resource: flag,
    last_deployment_id: z.string().nullish(),
    last_deployed_at: z.string().nullish(),
    owner: z.object({ id: z.string(), email: text, username: text }).nullish(),
    limits: z.record(z.string(), z.unknown()).nullish(),
  })
  .transform(
    (a): AppDetails => ({
      id: a.id,
      name: a.name,
      region: a.region,
      status: a.status,
      url: a.url || a.base_url,
      baseUrl: a.base_url || a.url,
      gitUrl: a.git_url,
      stackId: a.stack_id,
      project: a.project ?? null,
      forceHttps: a.force_https,
      stickySession: a.sticky_session,
      routerLogs: a.router_logs,
      hdsResource: a.hds_resource,
      lastDeploymentId: a.last_deployment_id || null,
      lastDeployedAt: a.last_deployed_at || null,
      owner: a.owner ?? null,
      limits: a.limits ?? {},
    }),
  );

const appSchema = z.object({ app: appFields }).transform((b) => b.app);
const appsSchema = z.object({ apps: z.array(appFields) }).transform((b) => b.apps);

/** Apps: show, list, create (and its dry run), settings, delete. */
export class Apps {
  constructor(private readonly channel: RegionChannel) {}

  async show(app: string, options?: CallOptions): Promise<AppDetails> {
    return parseAnswer(appSchema, await this.channel.call({ method: "GET", path: `/v1/apps/${seg(app)}` }, options));
  }

  /** The app, or undefined when this region has no app of that name (among the caller's). */
  async find(app: string, options?: CallOptions): Promise<AppDetails | undefined> {
    try {
      return await this.show(app, options);
    } catch (error) {
      if (error instanceof ScalingoNotFoundError && error.resource === "app") return undefined;
      throw error;
    }
  }

  async list(options?: CallOptions): Promise<AppDetails[]> {
    return parseAnswer(appsSchema, await this.channel.call({ method: "GET", path: "/v1/apps" }, options));
  }

  async create(spec: CreateAppSpec, options?: CallOptions): Promise<AppDetails> {
    return parseAnswer(appSchema, await this.channel.call({ method: "POST", path: "/v1/apps", body: createBody(spec) }, options));
  }

  /**
   * `X-Dry-Run: true`: Scalingo runs the creation's validations (name free, stack and project
   * valid) and creates nothing. Resolves when the app could be created; a refusal is a
   * ScalingoValidationError whose fieldErrors say why (`name: has already been taken`).
   */
  async validateCreate(spec: CreateAppSpec, options?: CallOptions): Promise<void> {
    // A dry run changes nothing: it waits for the budget as a read.
    await this.channel.call({ method: "POST", path: "/v1/apps", body: createBody(spec), headers: { "X-Dry-Run": "true" } }, { priority: "read", ...options });
  }

  /** DEVDOC's form (`PATCH` with the `app` wrapper); go-scalingo's unwrapped PUT is the same change. */
  async updateSettings(app: string, settings: AppSettings, options?: CallOptions): Promise<AppDetails> {
    const body = { app: toWire(settings) };
    return parseAnswer(appSchema, await this.channel.call({ method: "PATCH", path: `/v1/apps/${seg(app)}`, body }, options));
  }

  /** Scalingo asks for the app's current name again, as a guard against deleting the wrong app. */
  async delete(app: string, options?: CallOptions): Promise<void> {
    await this.channel.call({ method: "DELETE", path: `/v1/apps/${seg(app)}`, query: { current_name: app } }, options);
  }
}

function createBody(spec: CreateAppSpec) {
  return { app: toWire(spec) };
}
