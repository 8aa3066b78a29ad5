import { z } from "zod";
import { seg, type CallOptions } from "./connection";
import type { RegionChannel } from "./region-channel";
import { flag, parseAnswer, text, toWire } from "./wire";

/** An alert (contract §2.7). `notifierIds` are this app's notifiers: remap them when copying. */
export interface Alert {
  id: string;
  containerType: string;
  metric: string;
  limit: number;
  disabled: boolean;
  sendWhenBelow: boolean;
  /** Nanoseconds, as Scalingo counts it. */
  durationBeforeTrigger: number;
  /** As Scalingo answered it (a Go duration such as `1h0m0s`, or nanoseconds): send it back as it is. */
  remindEvery: string | number | null;
  notifierIds: string[];
  /** Set when an autoscaler owns the alert: it comes back with the autoscaler, do not copy it. */
  autoscalerId: string | null;
}

export interface AlertSpec {
  containerType: string;
  metric: string;
  limit: number;
  notifierIds?: string[];
  sendWhenBelow?: boolean;
  durationBeforeTrigger?: number;
  remindEvery?: string | number | null;
  disabled?: boolean;
}

export type AlertChange = Partial<AlertSpec>;

const alertFields = z
  .object({
    id: z.string(),
    container_type: text,
    metric: text,
    limit: z.number(),
    disabled: flag,
    send_when_below: flag,
    duration_before_trigger: z.number().nullish(),
    // A Go duration string, or nanoseconds (go-scalingo sends both forms).
    remind_every: z.union([z.string(), z.number()]).nullish(),
    notifiers: z.array(z.string()).nullish(),
    metadata: z.object({ autoscaler_id: z.string().nullish() }).nullish(),
  })
  .transform(
    (a): Alert => ({
      id: a.id,
      containerType: a.container_type,
      metric: a.metric,
      limit: a.limit,
      disabled: a.disabled,
      sendWhenBelow: a.send_when_below,
      durationBeforeTrigger: a.duration_before_trigger ?? 0,
      remindEvery: a.remind_every ?? null,
      notifierIds: a.notifiers ?? [],
      autoscalerId: a.metadata?.autoscaler_id || null,
    }),
  );
const listSchema = z.object({ alerts: z.array(alertFields) }).transform((b) => b.alerts);
const alertSchema = z.object({ alert: alertFields }).transform((b) => b.alert);

/** Alerts. */
export class Alerts {
  constructor(private readonly channel: RegionChannel) {}

  async list(app: string, options?: CallOptions): Promise<Alert[]> {
    return parseAnswer(listSchema, await this.channel.call({ method: "GET", path: `/v1/apps/${seg(app)}/alerts` }, options));
  }

  async create(app: string, spec: AlertSpec, options?: CallOptions): Promise<Alert> {
    const body = { alert: alertFieldsOf(spec) };
    return parseAnswer(alertSchema, await this.channel.call({ method: "POST", path: `/v1/apps/${seg(app)}/alerts`, body }, options));
  }

  /** DEVDOC's wrapped form (go-scalingo sends it unwrapped, §6). */
  async update(app: string, alertId: string, change: AlertChange, options?: CallOptions): Promise<Alert> {
    const body = { alert: alertFieldsOf(change) };
    return parseAnswer(alertSchema, await this.channel.call({ method: "PATCH", path: `/v1/apps/${seg(app)}/alerts/${seg(alertId)}`, body }, options));
  }

  async delete(app: string, alertId: string, options?: CallOptions): Promise<void> {
    await this.channel.call({ method: "DELETE", path: `/v1/apps/${seg(app)}/alerts/${seg(alertId)}` }, options);
  }
}

/** The wire calls the notifier ids `notifiers`; an unknown reminder is left out, not sent as null. */
function alertFieldsOf({ notifierIds, remindEvery, ...change }: AlertChange) {
  return toWire({ ...change, notifiers: notifierIds, remindEvery: remindEvery ?? undefined });
}
