import { z } from "zod";
import { seg, type CallOptions } from "./connection";
import type { RegionChannel } from "./region-channel";
import { parseAnswer, text, type OperationRef } from "./wire";

export type OperationStatus = "pending" | "running" | "done" | "error";

/** An asynchronous operation (scale, restart, a one-off's start), contract §2.2. */
export interface Operation {
  id: string;
  /** `scale`, `restart`, `start`, `start-one-off`, … */
  type: string;
  status: OperationStatus;
  /** Scalingo's words when `status` is `error`. */
  error: string;
  createdAt: string;
  finishedAt: string | null;
  /** For `start-one-off`: the container it started. */
  containerId: string | null;
}

const operationSchema = z
  .object({
    operation: z.object({
      id: z.string(),
      type: text,
      status: z.enum(["pending", "running", "done", "error"]),
      error: text,
      created_at: text,
      finished_at: z.string().nullish(),
      start_one_off_data: z.object({ container_id: text }).nullish(),
    }),
  })
  .transform(
    ({ operation: o }): Operation => ({
      id: o.id,
      type: o.type,
      status: o.status,
      error: o.error,
      createdAt: o.created_at,
      finishedAt: o.finished_at || null,
      containerId: o.start_one_off_data?.container_id || null,
    }),
  );

/** Nothing more will happen to it: `done` or `error`. */
export function operationSettled(operation: Operation): boolean {
  return operation.status === "done" || operation.status === "error";
}

/** Operations are polled: one look each, at the priority of a poll unless told otherwise. */
export class Operations {
  constructor(private readonly channel: RegionChannel) {}

  async show(ref: OperationRef, options?: CallOptions): Promise<Operation> {
    const path = `/v1/apps/${seg(ref.app)}/operations/${seg(ref.id)}`;
    return parseAnswer(operationSchema, await this.channel.call({ method: "GET", path }, { priority: "poll", ...options }));
  }
}
