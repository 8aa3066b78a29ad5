import { z } from "zod";
import { seg, type CallOptions } from "./connection";
import type { RegionChannel } from "./region-channel";
import { reveal, secretFragments, type Secret, type SecretInput } from "./secret";
import { parseAnswer, secretString } from "./wire";

/**
 * An environment variable. The list holds the addon-injected ones too (`SCALINGO_*_URL`), with
 * no marker (contract §2.3): telling them apart is the caller's job.
 */
export interface Variable {
  id: string;
  name: string;
  /** As written: with `aliases`, `$SCALINGO_POSTGRESQL_URL` stays a reference. */
  value: Secret;
}

export interface VariableInput {
  name: string;
  value: SecretInput;
}

const variableFields = z.object({ id: z.string(), name: z.string(), value: secretString });
const listSchema = z.object({ variables: z.array(variableFields) }).transform((b) => b.variables);

/** Environment variables. Values are Secrets in and out, and never in an error. */
export class Variables {
  constructor(private readonly channel: RegionChannel) {}

  /** `aliases` (default true): aliases unexpanded, so a copy resolves against its own app's addons. */
  async list(app: string, { aliases = true }: { aliases?: boolean } = {}, options?: CallOptions): Promise<Variable[]> {
    const path = `/v1/apps/${seg(app)}/variables`;
    return parseAnswer(listSchema, await this.channel.call({ method: "GET", path, query: { aliases: String(aliases) } }, options));
  }

  /** Creates or updates every listed variable in one request (bulk PUT); the others stay. */
  async setMany(app: string, variables: readonly VariableInput[], options?: CallOptions): Promise<Variable[]> {
    if (variables.length === 0) return [];
    const body = { variables: variables.map((v) => ({ name: v.name, value: reveal(v.value) })) };
    const secrets = secretFragments(variables.map((v) => v.value));
    return parseAnswer(listSchema, await this.channel.call({ method: "PUT", path: `/v1/apps/${seg(app)}/variables`, body, secrets }, options));
  }

  async delete(app: string, id: string, options?: CallOptions): Promise<void> {
    await this.channel.call({ method: "DELETE", path: `/v1/apps/${seg(app)}/variables/${seg(id)}` }, options);
  }

  /** Deletes several in one request. */
  async deleteMany(app: string, ids: readonly string[], options?: CallOptions): Promise<void> {
    if (ids.length === 0) return;
    await this.channel.call({ method: "DELETE", path: `/v1/apps/${seg(app)}/variables`, body: { variable_ids: ids } }, options);
  }
}
