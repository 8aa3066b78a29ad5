import * as assert from "node:assert/strict";
import { migrationFromConfig } from "../../program/migration-from-config";
import type { Simulator } from "../../simulator";
import { newStack, type TestStack } from "../support/pulumi-engine";
import { DEMO_TOKEN } from "../support/simulator-env";

export const PROJECT = "scalingo-migration";

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

export function writes(simulator: Simulator) {
  return simulator.requests().filter((r) => r.method !== "GET" && !r.path.endsWith("/tokens/exchange"));
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
