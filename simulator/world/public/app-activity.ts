import { uuid } from "../ids";
import type { App } from "../types";

/** An app's events (`GET …/events`) and log lines (`GET …/logs`), kept bounded. */

const MAX_EVENTS = 500;
const MAX_LOG_LINES = 2_000;

export function recordEvent(app: App, type: string, userId: string | null, typeData: Record<string, unknown>, atMs = Date.now()): void {
  app.events.push({ id: uuid(), type, createdAt: new Date(atMs).toISOString(), userId, typeData });
  if (app.events.length > MAX_EVENTS) app.events.splice(0, app.events.length - MAX_EVENTS);
}

export function appendLog(app: App, source: string, text: string, atMs = Date.now()): void {
  for (const line of text.split("\n")) app.logs.push({ at: new Date(atMs).toISOString(), source, text: line });
  if (app.logs.length > MAX_LOG_LINES) app.logs.splice(0, app.logs.length - MAX_LOG_LINES);
}

/** A log line as Scalingo's log service prints it. */
export function formatLogLine(line: App["logs"][number]): string {
  return `${line.at.replace("T", " ").replace("Z", "")} +0000 UTC [${line.source}] ${line.text}`;
}
