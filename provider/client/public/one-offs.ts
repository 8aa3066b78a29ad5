import { z } from "zod";
import { seg, type CallOptions } from "./connection";
import type { RegionChannel } from "./region-channel";
import { reveal, secretFragments, type SecretInput } from "./secret";
import { operationRef, parseAnswer, text, type OperationRef } from "./wire";

export interface OneOffSpec {
  /** A shell line. Put secrets in `env`, never here: the command shows in the app's events. */
  command: string;
  /** The one-off's own variables, on top of the app's (a backup URL goes here). */
  env?: Record<string, SecretInput>;
  /** A container size's name (default: Scalingo's, M). */
  size?: string;
}

export interface StartedOneOff {
  containerId: string;
  /** `one-off-N`: the name its lines carry in the app's logs. */
  label: string;
  /** The start operation (done once the container started, not when the command ended). */
  operation: OperationRef | null;
}

const runSchema = z.object({ container: z.object({ id: z.string(), label: text }), operation_url: z.string().nullish() });

/**
 * One-off containers, detached: they start at once and need no TCP attach, but expose no exit
 * code. The command must print what tells success (a sentinel line) to the app's logs.
 */
export class OneOffs {
  constructor(private readonly channel: RegionChannel) {}

  async runDetached(app: string, spec: OneOffSpec, options?: CallOptions): Promise<StartedOneOff> {
    const env = Object.fromEntries(Object.entries(spec.env ?? {}).map(([name, value]) => [name, reveal(value)]));
    const body = { command: spec.command, env, detached: true, ...(spec.size ? { size: spec.size } : {}) };
    const secrets = secretFragments(Object.values(spec.env ?? {}));
    const answer = await this.channel.call({ method: "POST", path: `/v1/apps/${seg(app)}/run`, body, secrets }, options);
    const run = parseAnswer(runSchema, answer);
    const location = answer.headers?.location ?? run.operation_url ?? undefined;
    return { containerId: run.container.id, label: run.container.label, operation: location ? operationRef(app, location, answer) : null };
  }
}
