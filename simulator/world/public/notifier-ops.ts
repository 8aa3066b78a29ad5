import { InvalidError, NotFoundError } from "../../domain-errors";
import { requireWritable } from "../app-operations";
import { prefixedId } from "../ids";
import type { App, Notifier } from "../types";
import { recordEvent } from "./app-activity";
import { isoAt, type PublicContext } from "./context";

/** Notifiers (§2.7); platform and event types arrive as names, mapped from the region's ids. */

export interface NotifierInput {
  name?: string;
  platform?: string;
  active?: boolean;
  sendAllAlerts?: boolean;
  sendAllEvents?: boolean;
  selectedEvents?: string[];
  typeData?: Notifier["typeData"];
}

export function notifierById(app: App, id: string): Notifier {
  const notifier = app.notifiers.find((n) => n.id === id);
  if (!notifier) throw new NotFoundError("notifier");
  return notifier;
}

export function createNotifier(ctx: PublicContext, app: App, input: NotifierInput, userId: string): Notifier {
  requireWritable(app);
  if (!input.platform) throw new InvalidError("platform_id", "can't be blank");
  if (!input.name) throw new InvalidError("name", "can't be blank");
  const now = isoAt(ctx.now());
  const notifier: Notifier = {
    id: prefixedId("no"),
    name: input.name,
    type: input.platform,
    active: input.active ?? true,
    sendAllAlerts: input.sendAllAlerts ?? false,
    sendAllEvents: input.sendAllEvents ?? false,
    selectedEvents: input.selectedEvents ?? [],
    typeData: {},
    createdAt: now,
    updatedAt: now,
  };
  notifier.typeData = checkedTypeData(notifier.type, input.typeData ?? {});
  app.notifiers.push(notifier);
  recordEvent(app, "new_notifier", userId, { notifier_name: notifier.name, platform_name: notifier.type });
  return notifier;
}

export function updateNotifier(ctx: PublicContext, app: App, notifier: Notifier, input: NotifierInput, userId: string): Notifier {
  requireWritable(app);
  if (input.name) notifier.name = input.name;
  if (input.active !== undefined) notifier.active = input.active;
  if (input.sendAllAlerts !== undefined) notifier.sendAllAlerts = input.sendAllAlerts;
  if (input.sendAllEvents !== undefined) notifier.sendAllEvents = input.sendAllEvents;
  if (input.selectedEvents !== undefined) notifier.selectedEvents = input.selectedEvents;
  if (input.typeData !== undefined && Object.keys(input.typeData).length > 0) notifier.typeData = checkedTypeData(notifier.type, input.typeData);
  notifier.updatedAt = isoAt(ctx.now());
  recordEvent(app, "edit_notifier", userId, { notifier_name: notifier.name });
  return notifier;
}

export function deleteNotifier(app: App, notifier: Notifier, userId: string): void {
  requireWritable(app);
  app.notifiers = app.notifiers.filter((n) => n !== notifier);
  for (const alert of app.alerts) alert.notifierIds = alert.notifierIds.filter((id) => id !== notifier.id);
  recordEvent(app, "delete_notifier", userId, { notifier_name: notifier.name });
}

/** A new app's own notifier: Scalingo creates one that e-mails the owner. */
export function defaultNotifier(app: App, ownerEmail: string, nowIso: string): Notifier {
  return {
    id: prefixedId("no"),
    name: `Default '${app.name}' notifier`,
    type: "email",
    active: true,
    sendAllAlerts: true,
    sendAllEvents: false,
    selectedEvents: ["deployment", "crash", "repeated_crash"],
    typeData: { emails: [ownerEmail], userIds: [] },
    createdAt: nowIso,
    updatedAt: nowIso,
  };
}

function checkedTypeData(platform: string, data: Notifier["typeData"]): Notifier["typeData"] {
  if (platform === "email") {
    if ((data.emails ?? []).length === 0 && (data.userIds ?? []).length === 0) throw new InvalidError("type_data", "an e-mail notifier needs emails or user_ids");
    return { emails: data.emails ?? [], userIds: data.userIds ?? [] };
  }
  if (!data.webhookUrl || !/^https?:\/\//.test(data.webhookUrl)) throw new InvalidError("type_data", `a ${platform} notifier needs a webhook_url (http or https)`);
  return { webhookUrl: data.webhookUrl };
}
