import { InvalidError, NotFoundError } from "../../domain-errors";
import { requireWritable } from "../app-operations";
import { prefixedId } from "../ids";
import type { App, LogDrain } from "../types";
import { recordEvent } from "./app-activity";

/**
 * Log drains (§2.7), of an app or of one of its addons. Only the encoded URL is kept and listed.
 * The simulator accepts `url` for every type (unverified on Scalingo, see §6).
 */

export interface DrainInput {
  type: string;
  url?: string;
  host?: string;
  port?: string;
  token?: string;
  drainRegion?: string;
}

const TYPES = ["appsignal", "betterstack", "datadog", "elk", "logtail", "ovh-graylog", "papertrail", "syslog"];

export function addDrain(app: App, drains: LogDrain[], input: DrainInput, userId: string): LogDrain {
  requireWritable(app);
  if (!TYPES.includes(input.type)) throw new InvalidError("type", `must be one of ${TYPES.join(", ")}`);
  const url = input.url ? input.url : encodedUrl(input);
  if (drains.some((d) => d.url === url)) throw new InvalidError("url", "this log drain already exists");
  const drain = { id: prefixedId("ld"), type: input.type, url };
  drains.push(drain);
  recordEvent(app, "new_log_drain", userId, { type: input.type });
  return drain;
}

export function removeDrain(app: App, drains: LogDrain[], url: string, userId: string): void {
  requireWritable(app);
  const index = drains.findIndex((d) => d.url === url);
  if (index < 0) throw new NotFoundError("log_drain");
  drains.splice(index, 1);
  recordEvent(app, "delete_log_drain", userId, {});
}

function encodedUrl(input: DrainInput): string {
  const need = (field: "host" | "port" | "token") => {
    const value = input[field];
    if (!value) throw new InvalidError(field, `can't be blank for a ${input.type} drain`);
    return value;
  };
  switch (input.type) {
    case "syslog":
    case "papertrail":
      return `syslog+tls://${need("host")}:${need("port")}`;
    case "ovh-graylog":
      return `ovh://:${need("token")}@${need("host")}:${need("port")}`;
    case "datadog":
      return `datadog://${need("token")}${input.drainRegion ? `?region=${input.drainRegion}` : ""}`;
    case "elk":
      throw new InvalidError("url", "can't be blank for an elk drain");
    default:
      return `${input.type}://${need("token")}`;
  }
}
