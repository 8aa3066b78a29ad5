import { z } from "zod";
import { seg, type CallOptions } from "./connection";
import type { RegionChannel } from "./region-channel";
import { count, operationRef, parseAnswer, text, type OperationRef } from "./wire";

/** One process type of the formation: how many containers, of which size (a name, not an id). */
export interface ContainerType {
  name: string;
  amount: number;
  size: string;
  command: string;
}

export interface ScaleTarget {
  name: string;
  amount: number;
  /** A container size's name; absent: unchanged. */
  size?: string;
}

export interface ScaleResult {
  /** The whole formation after the change, as Scalingo answers it. */
  formation: ContainerType[];
  /**
   * The operation to poll (202 + Location); null when Scalingo applied the change at once (200:
   * an app never deployed yet).
   */
  operation: OperationRef | null;
}

/** A container running now (`ps`). */
export interface RunningContainer {
  id: string;
  /** The process type, or `one-off`. */
  type: string;
  label: string;
  state: string;
  size: string;
}

const containerFields = z
  .object({ name: z.string(), amount: count, size: text, command: text })
  .transform((c): ContainerType => ({ name: c.name, amount: c.amount, size: c.size, command: c.command }));
const formationSchema = z.object({ containers: z.array(containerFields) }).transform((b) => b.containers);
const psSchema = z
  .object({
    containers: z.array(z.object({ id: z.string(), type: text, label: text, state: text, container_size: z.object({ name: text }).nullish() })),
  })
  .transform((b) => b.containers.map((c): RunningContainer => ({ id: c.id, type: c.type, label: c.label, state: c.state, size: c.container_size?.name ?? "" })));

/** The formation, scaling and restarting. Scale and restart are operations: poll them, one app at a time. */
export class Formation {
  constructor(private readonly channel: RegionChannel) {}

  async containers(app: string, options?: CallOptions): Promise<ContainerType[]> {
    return parseAnswer(formationSchema, await this.channel.call({ method: "GET", path: `/v1/apps/${seg(app)}/containers` }, options));
  }

  async running(app: string, options?: CallOptions): Promise<RunningContainer[]> {
    return parseAnswer(psSchema, await this.channel.call({ method: "GET", path: `/v1/apps/${seg(app)}/ps` }, options));
  }

  /**
   * Scales the listed types (the others are left as they are). A 422 while another operation
   * runs on the app: Scalingo serialises them, so must the caller.
   */
  async scale(app: string, targets: readonly ScaleTarget[], options?: CallOptions): Promise<ScaleResult> {
    const body = { containers: targets.map((t) => (t.size === undefined ? { name: t.name, amount: t.amount } : { name: t.name, amount: t.amount, size: t.size })) };
    const answer = await this.channel.call({ method: "POST", path: `/v1/apps/${seg(app)}/scale`, body }, options);
    const formation = parseAnswer(formationSchema, answer);
    return { formation, operation: answer.status === 202 ? operationRef(app, answer.headers?.location, answer) : null };
  }

  /** Restarts the given process types (none: all of them). */
  async restart(app: string, scope: readonly string[] = [], options?: CallOptions): Promise<OperationRef> {
    const answer = await this.channel.call({ method: "POST", path: `/v1/apps/${seg(app)}/restart`, body: { scope } }, options);
    return operationRef(app, answer.headers?.location, answer);
  }
}
