import { randomInt } from "node:crypto";
import { InvalidError } from "../../domain-errors";
import { requireWritable } from "../app-operations";
import { isContainerSize } from "../catalog/container-sizes";
import { uuid } from "../ids";
import type { App, OneOff, Operation } from "../types";
import { appendLog, recordEvent } from "./app-activity";
import { isoAt, type PublicContext } from "./context";
import { isDeployed } from "./formation-ops";
import { runOneOffCommand } from "./restore-recipe";

/** One-off containers (§2.9): detached ones run their command and leave only log lines behind. */

export const MAX_ONE_OFFS = 10;

export interface RunInput {
  command: string;
  env: Record<string, string>;
  size: string;
  detached: boolean;
}

export function runOneOff(ctx: PublicContext, app: App, input: RunInput, userId: string): { oneOff: OneOff; operation: Operation } {
  requireWritable(app);
  if (input.command.trim() === "") throw new InvalidError("command", "can't be blank");
  if (!isDeployed(app)) throw new InvalidError("app", "has never been deployed: a one-off runs the app's image");
  if (!isContainerSize(input.size)) throw new InvalidError("size", `unknown container size '${input.size}'`);
  if (app.oneOffs.filter((o) => o.state !== "stopped").length >= MAX_ONE_OFFS) {
    throw new InvalidError("app", `at most ${MAX_ONE_OFFS} one-off containers may run at once`);
  }
  const now = ctx.now();
  const oneOff: OneOff = {
    id: uuid(),
    label: `one-off-${randomInt(1000, 10000)}`,
    command: input.command,
    size: input.size,
    detached: input.detached,
    state: "booting",
    createdAt: isoAt(now),
  };
  app.oneOffs.push(oneOff);
  const operation: Operation = { id: uuid(), type: "start-one-off", status: "pending", createdAt: isoAt(now), finishedAt: null, error: "", containerId: oneOff.id };
  app.operations.push(operation);
  const duration = ctx.timings.get().oneOff;
  const fail = ctx.failures.take("restore", app);
  ctx.world.schedule(now + duration * 0.2, { kind: "one-off-start", appId: app.id, oneOffId: oneOff.id, operationId: operation.id });
  ctx.world.schedule(now + duration, { kind: "one-off-end", appId: app.id, oneOffId: oneOff.id, env: input.env, fail });
  recordEvent(app, "run", userId, { command: input.command, audit_log_id: uuid(), detached: input.detached }, now);
  return { oneOff, operation };
}

export function startOneOff(app: App, oneOff: OneOff, operation: Operation | undefined, atMs: number): void {
  oneOff.state = "running";
  if (operation) {
    operation.status = "done";
    operation.finishedAt = isoAt(atMs);
  }
  appendLog(app, oneOff.label, `Starting container ${oneOff.label} (${oneOff.command.split(" ")[0]})`, atMs);
}

export function endOneOff(ctx: PublicContext, app: App, oneOff: OneOff, env: Record<string, string>, fail: string | null, atMs: number): void {
  const outcome = runOneOffCommand(ctx, app, oneOff.command, env, fail);
  for (const line of outcome.lines) appendLog(app, oneOff.label, line, atMs);
  appendLog(app, oneOff.label, `Process exited with status ${outcome.exitCode}`, atMs);
  app.oneOffs = app.oneOffs.filter((o) => o !== oneOff);
}
