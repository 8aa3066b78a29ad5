import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { inspect } from "node:util";
import { ScalingoClient } from "../../provider/client";
import type { Simulator } from "../../simulator";
import { DEMO_TOKEN, simulatorWithEnv } from "../support/simulator-env";
import { declaration } from "./support/declarations";
import { driveWithProvider, sharedProvider } from "./support/provider-driver";
import { credentialsOnTheWire, secretsIn } from "./support/secret-scan";

/**
 * The API token and the bearers it buys must appear nowhere a person, a log or a state file
 * could see them: outputs, progress lines, errors (as printed, inspected to depth 10, or
 * serialized), the simulator's log lines, the serialized provider, the intent journal; and on
 * the wire only in the Authorization headers (and the exchange's answer), as the simulator's
 * full capture shows. (Exported state and engine output are scanned by the kill -9 suite.)
 */
describe("reliability: no credential leaks", function () {
  this.timeout(60_000);
  let simulator: Simulator;
  const simulatorLines: string[] = [];

  beforeEach(async () => {
    simulatorLines.length = 0;
    simulator = await simulatorWithEnv({ log: (line) => simulatorLines.push(line), captureRequests: true });
  });
  afterEach(() => simulator.close());

  const assertClean = (what: string, value: unknown) => assert.deepEqual(secretsIn(value, [DEMO_TOKEN]), [], `${what} holds a credential`);

  it("a full migration: the wire, outputs, progress lines, simulator log, serialized provider, journal", async () => {
    const result = await driveWithProvider(declaration("my-app"));
    assert.equal(result.outputs?.status, "done", String(result.error));
    const wire = credentialsOnTheWire(simulator.capturedRequests(), [DEMO_TOKEN]);
    assert.deepEqual(wire.outOfPlace, [], "a credential on the wire outside the Authorization header");
    // The exchange carried the API token and every other call a bearer: the scan can see them.
    assert.equal(wire.inPlace, simulator.requests().length);
    assertClean("outputs", result.outputs);
    assertClean("progress lines", result.logs);
    assertClean("simulator log lines", simulatorLines);
    assertClean("serialized provider", (await sharedProvider()).serialized);
    const journalDir = process.env.PULUMI_SCALINGO_JOURNAL_DIR!;
    const journal = fs.readdirSync(journalDir).map((file) => fs.readFileSync(path.join(journalDir, file), "utf8"));
    assert.ok(journal.some((record) => record.includes(String(result.outputs?.migrationId))), "the journal recorded this migration");
    assertClean("intent journal", journal);
  });

  const FAILURES: { title: string; arrange: () => Promise<void> | void; app?: string; message: RegExp }[] = [
    { title: "a refused API token", arrange: () => void (process.env.SCALINGO_API_TOKEN = "tk-us-wrong-but-secret-1234"), message: /refused by the auth service/ },
    { title: "a failed preflight", arrange: () => undefined, app: "old-pg-app", message: /Check addon versions/ },
    {
      title: "a server error on create",
      arrange: () => simulator.setFaults([{ method: "POST", path: "/v1/apps/*/region_migrations", status: 500 }]),
      message: /answered 500/,
    },
  ];
  for (const failure of FAILURES) {
    it(`${failure.title}: the error, however printed, holds no credential`, async () => {
      await (await sharedProvider()).configure();
      await failure.arrange();
      const tokens = [DEMO_TOKEN, process.env.SCALINGO_API_TOKEN!];
      try {
        const result = await driveWithProvider(declaration(failure.app ?? "my-app"));
        assert.ok(result.error instanceof Error, `expected a failure, got ${JSON.stringify(result.outputs)}`);
        assert.match(result.error.message, failure.message);
        assert.deepEqual(secretsIn(result.error, tokens), [], inspect(result.error, { depth: 10 }));
        assert.deepEqual(secretsIn(result.logs, tokens), []);
      } finally {
        process.env.SCALINGO_API_TOKEN = DEMO_TOKEN;
      }
    });
  }

  it("an unreachable auth service: the network error holds no credential", async () => {
    // At client level with quick retries: the provider's client spends about a minute retrying.
    await simulator.close();
    const client = new ScalingoClient({ apiToken: DEMO_TOKEN, authUrl: simulator.authUrl, retries: 1, retryBaseDelayMs: 10 });
    await assert.rejects(client.getApp("osc-fr1", "my-app"), (error: Error) => {
      assert.match(error.message, /ECONNREFUSED/);
      assert.deepEqual(secretsIn(error, [DEMO_TOKEN]), [], inspect(error, { depth: 10 }));
      return true;
    });
  });

  it("a client, inspected after use, shows neither the API token nor its bearer", async () => {
    const client = new ScalingoClient({ apiToken: DEMO_TOKEN, authUrl: simulator.authUrl });
    await client.getApp("osc-fr1", "my-app");
    assert.deepEqual(secretsIn(inspect(client, { depth: 10, showHidden: true }), [DEMO_TOKEN]), []);
    assert.deepEqual(secretsIn(JSON.stringify(client), [DEMO_TOKEN]), []);
  });
});
