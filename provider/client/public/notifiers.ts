import { z } from "zod";
import { seg, type CallOptions } from "./connection";
import type { RegionChannel } from "./region-channel";
import { Secret, secretFragments, type SecretInput } from "./secret";
import { flag, parseAnswer, text, toWire } from "./wire";

/**
 * A notifier (contract §2.7). `platformId` and `selectedEventIds` are this region's ids: map
 * them through the catalogues by name. A webhook URL is a credential: a Secret.
 */
export interface Notifier {
  id: string;
  name: string;
  active: boolean;
  /** The platform's name: `email`, `slack`, `webhook`, … */
  type: string;
  platformId: string;
  sendAllAlerts: boolean;
  sendAllEvents: boolean;
  selectedEventIds: string[];
  typeData: NotifierTypeData;
}

export interface NotifierTypeData {
  webhookUrl: Secret | null;
  emails: string[];
  userIds: string[];
  phoneNumber: string | null;
}

export interface NotifierSpec {
  platformId: string;
  name: string;
  active?: boolean;
  sendAllAlerts?: boolean;
  sendAllEvents?: boolean;
  selectedEventIds?: string[];
  typeData?: { webhookUrl?: SecretInput; emails?: string[]; userIds?: string[]; phoneNumber?: string };
}

export type NotifierChange = Partial<Omit<NotifierSpec, "platformId">>;

const notifierFields = z
  .object({
    id: z.string(),
    name: text,
    active: flag,
    type: text,
    platform_id: text,
    send_all_alerts: flag,
    send_all_events: flag,
    selected_event_ids: z.array(z.string()).nullish(),
    type_data: z
      .object({ webhook_url: z.string().nullish(), emails: z.array(z.string()).nullish(), user_ids: z.array(z.string()).nullish(), phone_number: z.string().nullish() })
      .nullish(),
  })
  .transform(
    (n): Notifier => ({
      id: n.id,
      name: n.name,
      active: n.active,
      type: n.type,
      platformId: n.platform_id,
      sendAllAlerts: n.send_all_alerts,
      sendAllEvents: n.send_all_events,
      selectedEventIds: n.selected_event_ids ?? [],
      typeData: {
        webhookUrl: n.type_data?.webhook_url ? new Secret(n.type_data.webhook_url) : null,
        emails: n.type_data?.emails ?? [],
        userIds: n.type_data?.user_ids ?? [],
        phoneNumber: n.type_data?.phone_number || null,
      },
    }),
  );
const listSchema = z.object({ notifiers: z.array(notifierFields) }).transform((b) => b.notifiers);
const notifierSchema = z.object({ notifier: notifierFields }).transform((b) => b.notifier);

/** Notifiers. A new app gets a default e-mail notifier: de-duplicate by name. */
export class Notifiers {
  constructor(private readonly channel: RegionChannel) {}

  async list(app: string, options?: CallOptions): Promise<Notifier[]> {
    return parseAnswer(listSchema, await this.channel.call({ method: "GET", path: `/v1/apps/${seg(app)}/notifiers` }, options));
  }

  /** go-scalingo's `notifier` root (DEVDOC writes `notifiers` and misspells a key, §6). */
  async create(app: string, spec: NotifierSpec, options?: CallOptions): Promise<Notifier> {
    const body = { notifier: toWire(spec) };
    const secrets = secretFragments([spec.typeData?.webhookUrl]);
    return parseAnswer(notifierSchema, await this.channel.call({ method: "POST", path: `/v1/apps/${seg(app)}/notifiers`, body, secrets }, options));
  }

  async update(app: string, notifierId: string, change: NotifierChange, options?: CallOptions): Promise<Notifier> {
    const body = { notifier: toWire(change) };
    const secrets = secretFragments([change.typeData?.webhookUrl]);
    const path = `/v1/apps/${seg(app)}/notifiers/${seg(notifierId)}`;
    return parseAnswer(notifierSchema, await this.channel.call({ method: "PATCH", path, body, secrets }, options));
  }

  async delete(app: string, notifierId: string, options?: CallOptions): Promise<void> {
    await this.channel.call({ method: "DELETE", path: `/v1/apps/${seg(app)}/notifiers/${seg(notifierId)}` }, options);
  }
}
