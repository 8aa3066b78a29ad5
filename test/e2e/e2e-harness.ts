import * as assert from "node:assert/strict";
import { migrationFromConfig } from "../../program/migration-from-config";
import type { Simulator } from "../../simulator";
import type { SimulatorOptions } from "../../simulator";
import { newStack, requireEngine, type TestStack } from "../support/pulumi-engine";
import { DEMO_TOKEN, simulatorWithEnv } from "../support/simulator-env";

export const PROJECT = "scalingo-migration";

export interface EngineWorld {
  /** A fresh simulator for each test. */
  readonly simulator: Simulator;
  /** Registers a stack so its folder goes away after the test. */
  track(stack: TestStack): TestStack;
}

/**
 * The hooks every real-engine suite needs: skip (loudly, never in CI) without an engine, a
 * fresh simulator per test, and every stack folder removed after it.
 */
export function engineWorld(options: SimulatorOptions = {}): EngineWorld {
  let simulator: Simulator | undefined;
  const stacks: TestStack[] = [];
  before(function () {
    requireEngine(this);
  });
  beforeEach(async () => {
    simulator = await simulatorWithEnv(options);
  });
  afterEach(async () => {
    for (const stack of stacks.splice(0)) stack.remove();
    await simulator?.close();
  });
  return {
    get simulator() {
      if (!simulator) throw new Error("the simulator starts in beforeEach");
      return simulator;
    },
    track(stack) {
      stacks.push(stack);
      return stack;
    },
  };
}

/** The root program on the real engine, configured like `pulumi config set …` would. */
export async function rootProgramStack(
  simulator: Simulator,
  config: Record<string, string>,
  options: { stackName?: string; dir?: string; env?: Record<string, string> } = {},
): Promise<TestStack> {
  const stack = await newStack({
    program: async () => migrationFromConfig(),
    projectName: PROJECT,
    stackName: options.stackName,
    dir: options.dir,
    env: { SCALINGO_AUTH_URL: simulator.authUrl, SCALINGO_API_TOKEN: DEMO_TOKEN, SCALINGO_REGION: "osc-fr1", ...options.env },
  });
  await setConfig(stack, { destinationRegion: "osc-secnum-fr1", ...config });
  return stack;
}

export async function setConfig(stack: TestStack, config: Record<string, string>): Promise<void> {
  await stack.stack.setAllConfig(Object.fromEntries(Object.entries(config).map(([k, v]) => [`${PROJECT}:${k}`, { value: v }])));
}

export async function outputsOf(stack: TestStack): Promise<Record<string, unknown>> {
  return Object.fromEntries(Object.entries(await stack.stack.outputs()).map(([k, v]) => [k, v.value]));
}

export function runPosts(simulator: Simulator, app: string) {
  return simulator.requests().filter((r) => r.method === "POST" && r.path.includes(`/apps/${app}/region_migrations/`) && r.path.endsWith("/run"));
}

export function createPosts(simulator: Simulator, app: string) {
  return simulator.requests().filter((r) => r.method === "POST" && r.path.endsWith(`/apps/${app}/region_migrations`));
}

/** The token must appear nowhere: not in state (inputs, outputs, __provider), not in output. */
export async function assertNoToken(stack: TestStack): Promise<void> {
  const state = await stack.exportState();
  assert.ok(!state.includes(DEMO_TOKEN), "token found in the exported state");
  assert.ok(!stack.output.join("").includes(DEMO_TOKEN), "token found in the engine output");
}

/** The resource's stored outputs in the exported state. */
export async function storedMigration(stack: TestStack): Promise<Record<string, unknown> | undefined> {
  const state = JSON.parse(await stack.exportState()) as { deployment: { resources?: { type: string; outputs: Record<string, unknown> }[] } };
  return state.deployment.resources?.find((r) => r.type === "pulumi-nodejs:dynamic/scalingo:AppMigration")?.outputs;
}
