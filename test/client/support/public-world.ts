import { inspect } from "node:util";
import { PublicApi, type PublicApiOptions, type RegionApi } from "../../../provider/client/public";
import { DEFAULT_API_TOKEN, startSimulator, type Simulator, type SimulatorOptions } from "../../../simulator";
import { codeArchive } from "../../simulator/support/public-api";

export const SOURCE = "osc-fr1";
export const DESTINATION = "osc-secnum-fr1";

/**
 * A fresh simulator (fast asynchrony, no rate limit unless asked) and a PublicApi on it, for
 * each test of a suite.
 */
export function publicWorld(
  simulatorOptions: SimulatorOptions = {},
  apiOptions: Partial<PublicApiOptions> = {},
): { readonly sim: Simulator; readonly api: PublicApi; readonly src: RegionApi; readonly dst: RegionApi } {
  let sim: Simulator | undefined;
  let api: PublicApi | undefined;
  beforeEach(async () => {
    sim = await startSimulator({ port: 0, rateLimitPerMinute: 0, ...simulatorOptions });
    sim.setAsyncTimings({ operation: 40, addon: 40, backup: 40, deployment: 60, oneOff: 30 });
    api = new PublicApi({ apiToken: DEFAULT_API_TOKEN, authUrl: sim.authUrl, retryBaseDelayMs: 20, ...apiOptions });
  });
  afterEach(() => sim?.close());
  return {
    get sim() {
      return sim!;
    },
    get api() {
      return api!;
    },
    get src() {
      return api!.region(SOURCE);
    },
    get dst() {
      return api!.region(DESTINATION);
    },
  };
}

/** Reads until `done` says so (the polling a caller of the client does). */
export async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`not done in ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 15));
  }
}

/** Creates `app` in `region` (unless told not to) and deploys a Procfile archive to it through the client, waiting for success. */
export async function deployedApp(region: RegionApi, app: string, procfile?: string, { create = true } = {}): Promise<void> {
  if (create) await region.apps.create({ name: app });
  const source = await region.sources.create();
  await region.sources.upload(source, codeArchive(procfile));
  const created = await region.deployments.create(app, source.downloadUrl, "v1");
  const ended = await until(() => region.deployments.show(app, created.id), (d) => d.status !== "building" && d.status !== "pushing" && d.status !== "starting");
  if (ended.status !== "success") throw new Error(`deployment of ${app} ended ${ended.status}`);
}

/** Everything a value could show through: its message, its inspection, its JSON. */
export function everything(value: unknown): string {
  let json: string;
  try {
    json = JSON.stringify(value);
  } catch {
    json = "";
  }
  return `${value instanceof Error ? value.message : String(value)} ${inspect(value, { depth: 10, showHidden: true })} ${json}`;
}
