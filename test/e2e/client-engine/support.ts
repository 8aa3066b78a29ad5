import * as assert from "node:assert/strict";
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import type { ClientRecord } from "../../../provider/engines/client/record";
import { PublicApi } from "../../../provider/client/public";
import type { AppSnapshot, Simulator } from "../../../simulator";
import { comparableShape, withoutManual } from "../../client-engine/shape";
import type { TestStack } from "../../support/pulumi-engine";
import { DEMO_TOKEN } from "../../support/simulator-env";
import { PROJECT } from "../e2e-harness";

export const SOURCE = "osc-fr1";
export const DESTINATION = "osc-secnum-fr1";
const UP_PROCESS = path.join(__dirname, "..", "..", "support", "up-process.js");

/** The public API as the person running the migration uses it beside Pulumi (a push, a drift). */
export function personApi(simulator: Simulator): PublicApi {
  return new PublicApi({ apiToken: DEMO_TOKEN, authUrl: simulator.authUrl, retryBaseDelayMs: 20 });
}

/**
 * `pulumi up` of the root program in a process of its own, killed -9 once `killWhen` holds,
 * then the documented recovery up to (not including) the next `up`: `pulumi cancel` and
 * `pulumi refresh --clear-pending-creates`. Gives what the killed process printed.
 */
export async function killedUp(simulator: Simulator, stack: TestStack, stackName: string, config: Record<string, string>, killWhen: () => boolean): Promise<string> {
  const env = { SCALINGO_AUTH_URL: simulator.authUrl, SCALINGO_API_TOKEN: DEMO_TOKEN, SCALINGO_REGION: SOURCE };
  const job = { dir: stack.dir, stackName, projectName: PROJECT, env, config: { destinationRegion: DESTINATION, engine: "client", ...config } };
  const child = spawn(process.execPath, [UP_PROCESS, JSON.stringify(job)], { detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let said = "";
  child.stdout.on("data", (d: Buffer) => (said += d.toString()));
  child.stderr.on("data", (d: Buffer) => (said += d.toString()));
  const exited = new Promise((resolve) => child.once("exit", resolve));
  await until(killWhen, 90_000, () => `the child said:\n${said}`);
  process.kill(-child.pid!, "SIGKILL");
  await exited;
  assert.ok(!said.includes("UP-PROCESS-DONE"), `the up ended before the kill:\n${said}`);
  await stack.stack.cancel();
  await stack.stack.refresh({ clearPendingCreates: true, color: "never" });
  return said;
}

/** Polls `condition` until it holds; on time out, fails with what `context` says. */
export async function until(condition: () => boolean, timeoutMs: number, context: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) assert.fail(`timed out: ${context()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** An `up` that must fail: what the person sees (the error and the engine's output). */
export async function failedUp(stack: TestStack): Promise<string> {
  const from = stack.output.length;
  try {
    await stack.up();
  } catch (error) {
    return `${error instanceof Error ? error.message : String(error)}\n${stack.output.slice(from).join("")}`;
  }
  assert.fail("the up succeeded");
}

/** What abort must put back on the source: its formation and its SCM flags. */
export function sourceFlags(app: AppSnapshot) {
  return {
    formation: app.formation.map((f) => [f.name, f.amount, f.size]),
    scm: app.scm && { autoDeploy: app.scm.auto_deploy_enabled, reviewApps: app.scm.deploy_review_apps_enabled },
    status: app.status,
  };
}

/**
 * The client engine's record in this stack's journal folder (PULUMI_SCALINGO_JOURNAL_DIR), as
 * the killed process last wrote it; undefined before it exists. A kill is aimed after what the
 * record holds: the instant between a create's answer and its save is the one window no
 * record can close (see prepare/app.ts for the app itself).
 */
export function recordOf(stack: TestStack): ClientRecord | undefined {
  const folder = path.join(stack.dir, "journal");
  const file = fs.existsSync(folder) ? fs.readdirSync(folder).find((f) => /^client-.*\.json$/.test(f)) : undefined;
  if (!file) return undefined;
  try {
    return JSON.parse(fs.readFileSync(path.join(folder, file), "utf8")) as ClientRecord;
  } catch {
    return undefined; // being replaced: the next look sees it
  }
}

/** Every write the simulator saw (the token exchange aside). */
export function writes(simulator: Simulator, region?: string): string[] {
  return simulator
    .requests()
    .filter((r) => r.method !== "GET" && !/tokens\/exchange|\/token$/.test(r.path) && (region === undefined || r.region === region))
    .map((r) => `${r.method} ${r.path}`);
}

/**
 * What an uninterrupted prepare builds from `source`: its shape minus the manual items, the
 * containers at 0 (same types and sizes), and no autoscaler yet (they wait for finalize).
 */
export function preparedShape(source: AppSnapshot): ReturnType<typeof comparableShape> {
  return { ...withoutManual(comparableShape(source, source.formation.map((f) => ({ ...f, amount: 0 }))), source), autoscalers: [] };
}
