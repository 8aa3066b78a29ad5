import { writeTarball } from "../../../simulator/world/public/archive";
import { send, sleep, type Answer, type Json, type TestClient } from "./test-client";

/** Helpers for the public-API suites: waits on asynchronous jobs, code archives, addon tokens. */

export async function until<T>(read: () => Promise<T> | T, done: (value: T) => boolean, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`not done in ${timeoutMs} ms: ${JSON.stringify(value)}`);
    await sleep(15);
  }
}

/** A code archive as Scalingo wants it: a gzip tarball with one top-level folder. */
export function codeArchive(procfile = "web: npm start\nworker: node worker.js\n", top = "app"): Buffer {
  return writeTarball([
    { path: `${top}/Procfile`, content: Buffer.from(procfile) },
    { path: `${top}/index.js`, content: Buffer.from("console.log('hi')\n") },
  ]);
}

/** POST /v1/sources, then PUT the archive to its upload URL; gives the download URL. */
export async function uploadSource(client: TestClient, region: string, archive: Buffer): Promise<string> {
  const created = await client.post(region, "/v1/sources", {});
  if (created.status !== 201) throw new Error(`sources: ${created.status} ${created.text}`);
  const put = await fetch(created.body.source.upload_url, { method: "PUT", body: new Uint8Array(archive), headers: { "content-type": "application/x-gzip" } });
  if (put.status !== 200) throw new Error(`upload: ${put.status}`);
  return created.body.source.download_url as string;
}

/** Deploys an archive and waits until the deployment ended; gives the deployment. */
export async function deploy(client: TestClient, region: string, app: string, archive = codeArchive()): Promise<Json> {
  const source = await uploadSource(client, region, archive);
  const created = await client.post(region, `/v1/apps/${app}/deployments`, { deployment: { source_url: source, git_ref: "v1" } });
  if (created.status !== 201) throw new Error(`deploy: ${created.status} ${created.text}`);
  return until(
    async () => (await client.get(region, `/v1/apps/${app}/deployments/${created.body.deployment.id}`)).body.deployment,
    (d) => !["building", "pushing", "starting", "queued"].includes(d.status),
  );
}

/** Creates an app in a region through the API. */
export async function createApp(client: TestClient, region: string, name: string): Promise<Json> {
  const created = await client.post(region, "/v1/apps", { app: { name } });
  if (created.status !== 201) throw new Error(`create: ${created.status} ${created.text}`);
  return created.body.app;
}

/** Calls the Database API of an addon with its addon token. */
export async function dbApi(client: TestClient, region: string, app: string, addonId: string, method: string, path: string): Promise<Answer> {
  const token = await client.post(region, `/v1/apps/${app}/addons/${addonId}/token`, {});
  if (token.status !== 200) throw new Error(`token: ${token.status} ${token.text}`);
  return send(method, `${client.sim.regionApiUrl(region)}/api${path}`, method === "POST" ? {} : undefined, { authorization: `Bearer ${token.body.addon.token}` });
}

export async function addonOf(client: TestClient, region: string, app: string, providerName: string): Promise<Json> {
  const addons = (await client.get(region, `/v1/apps/${app}/addons`)).body.addons;
  return addons.find((a: Json) => a.addon_provider.name === providerName);
}

/** Runs a detached one-off and waits until it exited; gives its log lines (without prefixes). */
export async function runOneOff(client: TestClient, region: string, app: string, command: string, env: Record<string, string> = {}): Promise<string[]> {
  const run = await client.post(region, `/v1/apps/${app}/run`, { command, env, detached: true, size: "M" });
  if (run.status !== 200) throw new Error(`run: ${run.status} ${run.text}`);
  const label: string = run.body.container.label;
  const logsUrl = (await client.get(region, `/v1/apps/${app}/logs`)).body.logs_url as string;
  const text = await until(
    async () => (await send("GET", `${logsUrl}&n=500`)).text,
    (t) => t.includes(`[${label}] Process exited with status`),
  );
  return text
    .split("\n")
    .filter((l) => l.includes(`[${label}] `))
    .map((l) => l.slice(l.indexOf(`[${label}] `) + label.length + 3));
}
