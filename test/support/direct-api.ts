import * as assert from "node:assert/strict";
import type { Simulator } from "../../simulator";
import { DEMO_TOKEN } from "./simulator-env";

/**
 * Calls on the simulator's region API made "behind Pulumi's back", the way a person with the
 * Scalingo CLI would: to create a migration to adopt, or to abort one.
 */
async function bearer(simulator: Simulator): Promise<string> {
  const response = await fetch(`${simulator.authUrl}/v1/tokens/exchange`, {
    method: "POST",
    headers: { Authorization: `Basic ${Buffer.from(`:${DEMO_TOKEN}`).toString("base64")}`, "Content-Type": "application/json" },
    body: "{}",
  });
  return ((await response.json()) as { token: string }).token;
}

export async function createDirectly(simulator: Simulator, app: string): Promise<{ id: string }> {
  const response = await fetch(`${simulator.regionApiUrl("osc-fr1")}/v1/apps/${app}/region_migrations`, {
    method: "POST",
    headers: { Authorization: `Bearer ${await bearer(simulator)}`, "Content-Type": "application/json" },
    body: JSON.stringify({ migration: { destination: "osc-secnum-fr1", dst_app_name: "" } }),
  });
  assert.equal(response.status, 201);
  return (await response.json()) as { id: string };
}

export async function abortDirectly(simulator: Simulator, app: string, id: string): Promise<void> {
  const response = await fetch(`${simulator.regionApiUrl("osc-fr1")}/v1/apps/${app}/region_migrations/${id}/run`, {
    method: "POST",
    headers: { Authorization: `Bearer ${await bearer(simulator)}`, "Content-Type": "application/json" },
    body: JSON.stringify({ step: "abort" }),
  });
  assert.equal(response.status, 204);
  for (let i = 0; i < 100 && simulator.migrations(app).find((m) => m.id === id)?.status !== "aborted"; i++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
