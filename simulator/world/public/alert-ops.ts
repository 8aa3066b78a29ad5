import { InvalidError, NotFoundError } from "../../domain-errors";
import { requireWritable } from "../app-operations";
import { alertDefaults } from "../build-world";
import { prefixedId } from "../ids";
import type { Alert, App } from "../types";
import { recordEvent } from "./app-activity";
import { isoAt, type PublicContext } from "./context";

/** Alerts (§2.7); the two an autoscaler owns are created and deleted with it. */

export interface AlertInput {
  containerType?: string;
  metric?: string;
  limit?: number;
  disabled?: boolean;
  sendWhenBelow?: boolean;
  durationBeforeTrigger?: number;
  remindEvery?: string;
  notifierIds?: string[];
}

export function alertById(app: App, id: string): Alert {
  const alert = app.alerts.find((a) => a.id === id);
  if (!alert) throw new NotFoundError("alert");
  return alert;
}

export function createAlert(ctx: PublicContext, app: App, input: AlertInput, userId: string): Alert {
  requireWritable(app);
  if (!input.containerType) throw new InvalidError("container_type", "can't be blank");
  if (!input.metric) throw new InvalidError("metric", "can't be blank");
  if (input.limit === undefined) throw new InvalidError("limit", "can't be blank");
  checkNotifiers(app, input.notifierIds ?? []);
  const now = isoAt(ctx.now());
  const alert: Alert = {
    ...alertDefaults(now),
    id: prefixedId("al"),
    containerType: input.containerType,
    metric: input.metric,
    limit: input.limit,
    disabled: input.disabled ?? false,
    sendWhenBelow: input.sendWhenBelow ?? false,
    durationBeforeTrigger: input.durationBeforeTrigger ?? 0,
    remindEvery: input.remindEvery ?? "",
    notifierIds: input.notifierIds ?? [],
  };
  app.alerts.push(alert);
  recordEvent(app, "new_alert", userId, { container_type: alert.containerType, metric: alert.metric, limit: alert.limit });
  return alert;
}

export function updateAlert(ctx: PublicContext, app: App, alert: Alert, input: AlertInput, userId: string): Alert {
  requireWritable(app);
  if (input.notifierIds !== undefined) checkNotifiers(app, input.notifierIds);
  if (input.containerType !== undefined) alert.containerType = input.containerType;
  if (input.metric !== undefined) alert.metric = input.metric;
  if (input.limit !== undefined) alert.limit = input.limit;
  if (input.disabled !== undefined) alert.disabled = input.disabled;
  if (input.sendWhenBelow !== undefined) alert.sendWhenBelow = input.sendWhenBelow;
  if (input.durationBeforeTrigger !== undefined) alert.durationBeforeTrigger = input.durationBeforeTrigger;
  if (input.remindEvery !== undefined) alert.remindEvery = input.remindEvery;
  if (input.notifierIds !== undefined) alert.notifierIds = input.notifierIds;
  alert.updatedAt = isoAt(ctx.now());
  recordEvent(app, "edit_alert", userId, { container_type: alert.containerType, metric: alert.metric, limit: alert.limit });
  return alert;
}

export function deleteAlert(app: App, alert: Alert, userId: string): void {
  requireWritable(app);
  if (alert.autoscalerId !== null) throw new InvalidError("alert", "belongs to an autoscaler: delete the autoscaler instead");
  app.alerts = app.alerts.filter((a) => a !== alert);
  recordEvent(app, "delete_alert", userId, { metric: alert.metric });
}

/** A Go duration string for a count of nanoseconds (go-scalingo's AlertUpdate sends numbers). */
export function goDuration(nanoseconds: number): string {
  let seconds = Math.round(nanoseconds / 1e9);
  if (seconds === 0) return "0s";
  const hours = Math.floor(seconds / 3600);
  seconds -= hours * 3600;
  const minutes = Math.floor(seconds / 60);
  seconds -= minutes * 60;
  if (hours > 0) return `${hours}h${minutes}m${seconds}s`;
  if (minutes > 0) return `${minutes}m${seconds}s`;
  return `${seconds}s`;
}

function checkNotifiers(app: App, ids: string[]): void {
  for (const id of ids) {
    if (!app.notifiers.some((n) => n.id === id)) throw new InvalidError("notifiers", `'${id}' is not a notifier of this app`);
  }
}
