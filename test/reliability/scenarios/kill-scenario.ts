import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { dynamicProviderProcesses } from "../../../scripts/support/provider-processes";
import { createPosts, outputsOf, PROJECT, rootProgramStack } from "../../e2e/e2e-harness";
import type { Simulator } from "../../../simulator";
import { DEMO_TOKEN, simulatorWithEnv } from "../../support/simulator-env";
import { delay, waitFor } from "../support/wait-for";
import { judge, type ScenarioResult } from "./result";

export const UP_PROCESS = path.join(__dirname, "..", "..", "support", "up-process.js");

/** Longer steps than the fast profile, so that random kill points land inside them too. */
const STEP_DURATIONS = { preflight: 500, prepare: 2_000, data: 1_500, finalize: 1_000 };

/**
 * An uninterrupted `up` to finalize sends about 25 requests (checks, create, runs, polls,
 * destination reads): kill points are drawn among the first 24, so every phase gets hit.
 */
const KILL_POINTS = 24;

/** When to kill: after the simulator has seen so many requests, or once it shows something. */
export type KillPoint = { afterRequests: number } | { when: (simulator: Simulator) => boolean; label: string };

export function randomKillPoint(random: () => number): KillPoint {
  return { afterRequests: 1 + Math.floor(random() * KILL_POINTS) };
}

/**
 * The engine runs the provider in a process group of its own, so the kill leaves it behind.
 * It must stop by itself: at its next output line (the engine's end of the pipe is closed) or
 * when its watchdog finds the engine gone (checked every 2 s, two refusals). Far above that:
 */
export const ORPHAN_LIFETIME_LIMIT_MS = 10_000;
/** A write the provider released just before the kill may land this much later. */
export const IN_FLIGHT_GRACE_MS = 100;

/**
 * `pulumi up` of the root program (stage finalize) in a process group of its own, killed with
 * SIGKILL at `point`; then the provider it left behind must stop without sending any write,
 * and the user's recovery (cancel the dead update's lock, refresh clearing its pending create,
 * one `pulumi up`) must end the migration done with one create and one run per step. Neither
 * the state, the journal nor any output may hold a credential. What went against that is in
 * `violations`.
 */
export async function killScenario(point: KillPoint, label: string): Promise<ScenarioResult> {
  const simulator = await simulatorWithEnv({ stepDurations: STEP_DURATIONS, captureRequests: true });
  const reached = "afterRequests" in point ? () => simulator.requests().length >= point.afterRequests : () => point.when(simulator);
  const where = "afterRequests" in point ? `after ${point.afterRequests} requests` : point.label;
  const config = { app: "my-app", stage: "finalize", destinationRegion: "osc-secnum-fr1" };
  const stack = await rootProgramStack(simulator, config, { stackName: "kill" });
  try {
    const env = { SCALINGO_AUTH_URL: simulator.authUrl, SCALINGO_API_TOKEN: DEMO_TOKEN, SCALINGO_REGION: "osc-fr1" };
    const { killed, orphanLifetimeMs, orphanWrites, output: childOutput } = await killUpAt(simulator, { dir: stack.dir, stackName: "kill", projectName: PROJECT, env, config }, reached, where);

    const recovery = await recover(stack);
    let outputs = await outputsOf(stack);
    let recoveryUps = 1;
    if (!recovery.error && outputs.status !== "done") {
      // Seen once in a loaded CI run (seed 681542): the recovery `up` succeeded, sent nothing,
      // and left the stack without outputs. A user would run `pulumi up` again; so do we, to
      // see the rest, but it is a violation (see the closing note of issue 7).
      await stack.up();
      outputs = await outputsOf(stack);
      recoveryUps = 2;
    }
    const violations = [
      ...(killed ? [] : [`pulumi up ended before the kill point (${where}): nothing was killed`]),
      ...(orphanLifetimeMs > ORPHAN_LIFETIME_LIMIT_MS ? [`the orphaned provider still ran ${orphanLifetimeMs} ms after the kill`] : []),
      ...(orphanWrites.length ? [`the orphaned provider sent ${orphanWrites.join(", ")} after the kill`] : []),
      ...(recoveryUps > 1 ? ["the recovery needed a second pulumi up"] : []),
    ];
    return judge({
      name: `kill -9 ${where} (${label})`,
      entries: simulator.requests(),
      captured: simulator.capturedRequests(),
      drives: [{ app: "my-app", result: { outputs, error: recovery.error, logs: [] } }],
      artifacts: [await stack.exportState(), stack.output.join(""), childOutput, ...journalFiles(path.join(stack.dir, "journal"))],
      evidence: {
        killed: killed ? 1 : 0,
        orphanLifetimeMs,
        orphanWrites: orphanWrites.length,
        requests: simulator.requests().length,
        creates: createPosts(simulator, "my-app").length,
        cancel: recovery.cancel,
        recoveryUps,
      },
      violations,
    });
  } finally {
    stack.remove();
    await simulator.close();
  }
}

/** What a `kill -9` of a `pulumi up` left: whether it came before the up ended, and what its orphan did. */
export interface KillOutcome {
  killed: boolean;
  orphanLifetimeMs: number;
  /** Writes that reached the simulator after the kill (beyond a request already in flight). */
  orphanWrites: string[];
  /** What the killed `pulumi up` printed. */
  output: string;
}

/**
 * Runs `pulumi up` for `job` in a process group of its own (as a terminal would) and SIGKILLs
 * the group once `reached()` says so. A user takes longer than the orphan's few seconds to
 * react: this returns once the orphan is gone, so that every write until then is the orphan's.
 */
export async function killUpAt(
  simulator: Simulator,
  job: { dir: string; stackName: string; projectName: string; env: Record<string, string>; config: Record<string, string> },
  reached: () => boolean,
  where: string,
): Promise<KillOutcome> {
  const child = spawn(process.execPath, [UP_PROCESS, JSON.stringify(job)], { detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let childOutput = "";
  child.stdout.on("data", (d: Buffer) => (childOutput += d.toString()));
  child.stderr.on("data", (d: Buffer) => (childOutput += d.toString()));
  let exited = false;
  const exit = new Promise<void>((resolve) => child.once("exit", () => resolve(void (exited = true))));
  await waitFor(() => exited || reached(), `the kill point (${where})`, 120_000, () => childOutput);
  const killed = !exited;
  const killedAt = Date.now();
  if (killed) process.kill(-child.pid!, "SIGKILL");
  await exit;
  const orphanLifetimeMs = await orphanLifetime(simulator.authUrl, killedAt);
  return { killed, orphanLifetimeMs, orphanWrites: writesSince(simulator, killedAt + IN_FLIGHT_GRACE_MS), output: childOutput };
}

/** What a user does after a crashed `pulumi up`; a failure is kept as the scenario's outcome. */
export async function recover(stack: Awaited<ReturnType<typeof rootProgramStack>>): Promise<{ cancel: string; error?: Error }> {
  let cancel = "lock released";
  try {
    await stack.stack.cancel();
  } catch (error) {
    // Nothing to cancel when the kill came before the update took its lock.
    cancel = `cancel: ${(error as Error).message.split("\n")[0]}`;
  }
  try {
    await stack.stack.refresh({ clearPendingCreates: true, color: "never" });
    await stack.up();
    return { cancel };
  } catch (error) {
    // The engine's message repeats the whole output: keep the provider's own error lines.
    const lines = (error as Error).message.split("\n").filter((line) => /error:|\* |✘/.test(line));
    return { cancel, error: new Error(`recovery failed: ${lines.slice(0, 6).join(" | ").replace(/\s+/g, " ")}`) };
  }
}

/** The intent journal the provider kept for this stack (scripts/support/local-engine.ts puts it there). */
export function journalFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).map((file) => fs.readFileSync(path.join(dir, file), "utf8"));
}

/**
 * How long the providers serving this simulator outlived the kill (about 0: none ran). One
 * still running after the limit is killed here, so that it cannot disturb the recovery, and
 * reported as having lived past the limit.
 */
export async function orphanLifetime(authUrl: string, killedAt: number): Promise<number> {
  const environment = `SCALINGO_AUTH_URL=${authUrl}`;
  for (;;) {
    const orphans = dynamicProviderProcesses({ environment });
    const lifetime = Date.now() - killedAt;
    if (orphans.length === 0) return lifetime;
    if (lifetime > ORPHAN_LIFETIME_LIMIT_MS * 2) {
      for (const orphan of orphans) process.kill(orphan.pid, "SIGKILL");
      return lifetime;
    }
    await delay(50);
  }
}

/** Writes (not token exchanges) the simulator received since `since`. */
export function writesSince(simulator: Simulator, since: number): string[] {
  return simulator
    .requests()
    .filter((r) => r.method !== "GET" && !r.path.endsWith("/tokens/exchange") && Date.parse(r.time) >= since)
    .map((r) => `${r.method} ${r.path}`);
}
