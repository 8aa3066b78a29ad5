import { z } from "zod";
import { seg, type CallOptions } from "./connection";
import type { RegionChannel } from "./region-channel";
import { reveal, type Secret, secretFragments, type SecretInput } from "./secret";
import { parseAnswer, secretString, toWire } from "./wire";

/**
 * A log drain, as Scalingo lists it: only its encoded URL (`datadog://TOKEN?region=…`,
 * `ovh://:TOKEN@host:port`), which holds the drain's token: a Secret.
 */
export interface LogDrain {
  url: Secret;
}

/** Either `url` (the encoded URL as listed) or the type's fields. */
export interface LogDrainSpec {
  /** appsignal, betterstack, datadog, elk, logtail, ovh-graylog, papertrail, syslog. */
  type: string;
  url?: SecretInput;
  host?: string;
  port?: string;
  token?: SecretInput;
  drainRegion?: string;
}

const drainFields = z.object({ url: secretString }).transform((d): LogDrain => ({ url: d.url }));
const listSchema = z.object({ drains: z.array(drainFields) }).transform((b) => b.drains);
const drainSchema = z.object({ drain: drainFields }).transform((b) => b.drain);

/** Log drains of an app and of its addons. */
export class LogDrains {
  constructor(private readonly channel: RegionChannel) {}

  async list(app: string, options?: CallOptions): Promise<LogDrain[]> {
    return parseAnswer(listSchema, await this.channel.call({ method: "GET", path: drainsPath(app) }, options));
  }

  async add(app: string, spec: LogDrainSpec, options?: CallOptions): Promise<LogDrain> {
    return this.create(drainsPath(app), spec, options);
  }

  /** Deleted by its URL (the only handle Scalingo gives); the URL goes in the query, never in errors. */
  async delete(app: string, url: SecretInput, options?: CallOptions): Promise<void> {
    await this.channel.call({ method: "DELETE", path: drainsPath(app), query: { url: reveal(url) } }, options);
  }

  async listForAddon(app: string, addonId: string, options?: CallOptions): Promise<LogDrain[]> {
    return parseAnswer(listSchema, await this.channel.call({ method: "GET", path: drainsPath(app, addonId) }, options));
  }

  async addToAddon(app: string, addonId: string, spec: LogDrainSpec, options?: CallOptions): Promise<LogDrain> {
    return this.create(drainsPath(app, addonId), spec, options);
  }

  async deleteFromAddon(app: string, addonId: string, url: SecretInput, options?: CallOptions): Promise<void> {
    await this.channel.call({ method: "DELETE", path: drainsPath(app, addonId), query: { url: reveal(url) } }, options);
  }

  private async create(path: string, spec: LogDrainSpec, options?: CallOptions): Promise<LogDrain> {
    const body = { drain: toWire(spec) };
    const secrets = secretFragments([spec.url, spec.token]);
    return parseAnswer(drainSchema, await this.channel.call({ method: "POST", path, body, secrets }, options));
  }
}

function drainsPath(app: string, addonId?: string): string {
  return addonId === undefined ? `/v1/apps/${seg(app)}/log_drains` : `/v1/apps/${seg(app)}/addons/${seg(addonId)}/log_drains`;
}
