import { z } from "zod";
import { seg, type CallOptions } from "./connection";
import type { RegionChannel } from "./region-channel";
import { flag, parseAnswer, text, toWire } from "./wire";

/** An autoscaler (contract §2.2); it owns two alerts, which it creates and deletes itself. */
export interface Autoscaler {
  id: string;
  containerType: string;
  minContainers: number;
  maxContainers: number;
  metric: string;
  target: number;
  disabled: boolean;
  /** The alerts it owns (DEVDOC; absent from go-scalingo v10's struct). */
  alertIds: string[];
}

export interface AutoscalerSpec {
  containerType: string;
  minContainers: number;
  maxContainers: number;
  metric: string;
  target: number;
  disabled?: boolean;
}

export type AutoscalerChange = Partial<Omit<AutoscalerSpec, "containerType">>;

const autoscalerFields = z
  .object({
    id: z.string(),
    container_type: z.string(),
    min_containers: z.number().int(),
    max_containers: z.number().int(),
    metric: text,
    target: z.number(),
    disabled: flag,
    alert_id_scale_up: z.string().nullish(),
    alert_id_scale_down: z.string().nullish(),
  })
  .transform(
    (a): Autoscaler => ({
      id: a.id,
      containerType: a.container_type,
      minContainers: a.min_containers,
      maxContainers: a.max_containers,
      metric: a.metric,
      target: a.target,
      disabled: a.disabled,
      alertIds: [a.alert_id_scale_up, a.alert_id_scale_down].filter((id): id is string => !!id),
    }),
  );
const listSchema = z.object({ autoscalers: z.array(autoscalerFields) }).transform((b) => b.autoscalers);
const autoscalerSchema = z.object({ autoscaler: autoscalerFields }).transform((b) => b.autoscaler);

/** Autoscalers: the container type must exist (deployed) first. */
export class Autoscalers {
  constructor(private readonly channel: RegionChannel) {}

  async list(app: string, options?: CallOptions): Promise<Autoscaler[]> {
    return parseAnswer(listSchema, await this.channel.call({ method: "GET", path: `/v1/apps/${seg(app)}/autoscalers` }, options));
  }

  async create(app: string, spec: AutoscalerSpec, options?: CallOptions): Promise<Autoscaler> {
    const body = { autoscaler: toWire(spec) };
    return parseAnswer(autoscalerSchema, await this.channel.call({ method: "POST", path: `/v1/apps/${seg(app)}/autoscalers`, body }, options));
  }

  /** DEVDOC's wrapped PATCH (go-scalingo sends the fields unwrapped, §6). */
  async update(app: string, autoscalerId: string, change: AutoscalerChange, options?: CallOptions): Promise<Autoscaler> {
    const body = { autoscaler: toWire(change) };
    const path = `/v1/apps/${seg(app)}/autoscalers/${seg(autoscalerId)}`;
    return parseAnswer(autoscalerSchema, await this.channel.call({ method: "PATCH", path, body }, options));
  }

  async delete(app: string, autoscalerId: string, options?: CallOptions): Promise<void> {
    await this.channel.call({ method: "DELETE", path: `/v1/apps/${seg(app)}/autoscalers/${seg(autoscalerId)}` }, options);
  }
}
