import { DEFAULT_API_TOKEN, startSimulator, type MigrationSnapshot, type Simulator, type StepName } from "../../../simulator";

/** A plain JSON object as tests read it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  /** The parsed body, or undefined when it is empty or not JSON. */
  body: Json;
}

/** Talks to a simulator the way a Scalingo client does: exchange, then Bearer calls. */
export class TestClient {
  private bearer: string | undefined;

  constructor(
    readonly sim: Simulator,
    private readonly apiToken = DEFAULT_API_TOKEN,
  ) {}

  async token(): Promise<string> {
    this.bearer ??= await this.exchange();
    return this.bearer;
  }

  async exchange(): Promise<string> {
    const answer = await send("POST", `${this.sim.authUrl}/v1/tokens/exchange`, {}, basic("", this.apiToken));
    if (answer.status !== 200) throw new Error(`exchange failed: ${answer.status} ${answer.text}`);
    return answer.body.token as string;
  }

  async get(region: string, path: string): Promise<Answer> {
    return send("GET", `${this.sim.regionApiUrl(region)}${path}`, undefined, await this.auth());
  }

  async post(region: string, path: string, body: unknown): Promise<Answer> {
    return send("POST", `${this.sim.regionApiUrl(region)}${path}`, body, await this.auth());
  }

  async put(region: string, path: string, body: unknown): Promise<Answer> {
    return send("PUT", `${this.sim.regionApiUrl(region)}${path}`, body, await this.auth());
  }

  async patch(region: string, path: string, body: unknown): Promise<Answer> {
    return send("PATCH", `${this.sim.regionApiUrl(region)}${path}`, body, await this.auth());
  }

  async delete(region: string, path: string): Promise<Answer> {
    return send("DELETE", `${this.sim.regionApiUrl(region)}${path}`, undefined, await this.auth());
  }

  async createMigration(app: string, destination = "osc-secnum-fr1", dstAppName = ""): Promise<MigrationSnapshot> {
    const answer = await this.post("osc-fr1", `/v1/apps/${app}/region_migrations`, {
      migration: { destination, dst_app_name: dstAppName },
    });
    if (answer.status !== 201) throw new Error(`create failed: ${answer.status} ${answer.text}`);
    return answer.body as MigrationSnapshot;
  }

  async run(app: string, id: string, step: StepName | string): Promise<Answer> {
    return this.post("osc-fr1", `/v1/apps/${app}/region_migrations/${id}/run`, { step });
  }

  async show(app: string, id: string): Promise<MigrationSnapshot> {
    const answer = await this.get("osc-fr1", `/v1/apps/${app}/region_migrations/${id}`);
    if (answer.status !== 200) throw new Error(`show failed: ${answer.status} ${answer.text}`);
    return answer.body as MigrationSnapshot;
  }

  /** Runs a step and waits until it ended (finished_at set). */
  async runAndWait(app: string, id: string, step: StepName): Promise<MigrationSnapshot> {
    const answer = await this.run(app, id, step);
    if (answer.status !== 204) throw new Error(`run ${step} failed: ${answer.status} ${answer.text}`);
    return this.waitUntilEnded(app, id);
  }

  async waitUntilEnded(app: string, id: string, timeoutMs = 10_000): Promise<MigrationSnapshot> {
    return this.waitFor(app, id, (m) => m.finished_at !== null, timeoutMs);
  }

  async waitFor(
    app: string,
    id: string,
    predicate: (m: MigrationSnapshot) => boolean,
    timeoutMs = 10_000,
  ): Promise<MigrationSnapshot> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      // Read through the handle, not HTTP, so polling never eats a test's rate-limit budget.
      const migration = this.sim.migrations().find((m) => m.id === id);
      if (migration && predicate(migration)) return migration;
      if (Date.now() > deadline) throw new Error(`migration ${id} of ${app} did not get there in ${timeoutMs} ms: ${JSON.stringify(migration)}`);
      await sleep(10);
    }
  }

  private async auth(): Promise<Record<string, string>> {
    return { authorization: `Bearer ${await this.token()}` };
  }
}

export function basic(user: string, password: string): Record<string, string> {
  return { authorization: `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}` };
}

export async function send(method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const response = await fetch(url, {
    method,
    headers: { accept: "application/json", ...(body === undefined ? {} : { "content-type": "application/json" }), ...headers },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: Json;
  try {
    parsed = text === "" ? undefined : JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  return { status: response.status, headers: response.headers, text, body: parsed };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * A simulator (default options) and a client for a suite's tests: started fresh for each test
 * ("test") or once for the suite ("suite"), closed after.
 */
export function simulatorWorld(scope: "test" | "suite"): { readonly sim: Simulator; readonly client: TestClient } {
  let sim: Simulator | undefined;
  let client: TestClient | undefined;
  const start = async () => {
    sim = await startSimulator({ port: 0 });
    client = new TestClient(sim);
  };
  const stop = () => sim?.close();
  if (scope === "suite") {
    before(start);
    after(stop);
  } else {
    beforeEach(start);
    afterEach(stop);
  }
  return {
    get sim() {
      if (!sim) throw new Error("the simulator starts in a before hook");
      return sim;
    },
    get client() {
      if (!client) throw new Error("the simulator starts in a before hook");
      return client;
    },
  };
}
