import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {
  ScalingoClient,
  ScalingoHttpError,
  ScalingoNetworkError,
  ScalingoResponseError,
  ScalingoValidationError,
} from "../../provider/client";
import { MigrationFailedError } from "../../provider/migration/errors";
import { IntentJournal } from "../../provider/migration/intent-journal";
import { Migrator } from "../../provider/engines/server/migrator";
import { DEFAULT_TIMEOUTS_MS } from "../../provider/migration/spec";
import { startHostileServer, type Answer, type HostileServer } from "./support/hostile-server";
import { migrationJson } from "./support/hostile-migration";
import { guardLoopbackOnly, type LoopbackGuard } from "./support/loopback-guard";
import { printable, secretsIn } from "./support/secret-scan";

const API_TOKEN = "tk-us-hostile-0123456789abcdef";
const MIGRATION = "/osc-fr1/v1/apps/my-app/region_migrations/11111111-2222-4333-8444-555555555555";

interface HostileCase {
  title: string;
  answer: Answer;
  error: new (...args: never[]) => Error;
  message: RegExp;
}

/**
 * Whatever a broken or hostile server answers, the client fails with an error of the
 * ScalingoError family that says what was wrong in a few lines, never crashes, never hangs,
 * and never repeats a credential back.
 */
const CASES: HostileCase[] = [
  { title: "truncated JSON", answer: { status: 200, body: '{"id": "11111111", "status": "runn' }, error: ScalingoResponseError, message: /answered 200 with an unexpected body: not JSON \(\{"id": "11111111", "status": "runn\)/ },
  { title: "wrong types", answer: { status: 200, body: migrationJson({ id: 42, steps: "many" }) }, error: ScalingoResponseError, message: /answered 200 with an unexpected body: .*expected string.* at id/ },
  { title: "unknown status", answer: { status: 200, body: migrationJson({ status: "teleporting" }) }, error: ScalingoResponseError, message: /unknown migration status \(known: created, .*aborted\) at status/ },
  { title: "JSON null", answer: { status: 200, body: "null" }, error: ScalingoResponseError, message: /unexpected body/ },
  { title: "an empty 200", answer: { status: 200, body: "" }, error: ScalingoResponseError, message: /unexpected body/ },
  { title: "an HTML page with 200", answer: { status: 200, body: "<html><body><h1>Welcome to nginx!</h1></body></html>" }, error: ScalingoResponseError, message: /not JSON \(<html><body><h1>Welcome to nginx!/ },
  { title: "an HTML error page (502, after retries)", answer: { status: 502, body: `<html><head><title>502 Bad Gateway</title></head><body>${"x".repeat(50_000)}</body></html>` }, error: ScalingoHttpError, message: /answered 502: <html><head><title>502 Bad Gateway<\/title>.{0,100}\.\.\.$/ },
  { title: "a plain-text 422", answer: { status: 422, body: "Unprocessable" }, error: ScalingoValidationError, message: /answered 422: Unprocessable/ },
  { title: "deeply nested JSON", answer: { status: 200, body: `${"[".repeat(200_000)}${"]".repeat(200_000)}` }, error: ScalingoResponseError, message: /unexpected body/ },
  { title: "a body over 8 MB", answer: { status: 200, body: Buffer.alloc(9 * 1024 * 1024, 0x20) }, error: ScalingoResponseError, message: /larger than/ },
  { title: "a body that trickles forever", answer: { status: 200, trickleMs: 200 }, error: ScalingoNetworkError, message: /ETIMEDOUT/ },
];

describe("reliability: hostile server answers", function () {
  this.timeout(30_000);
  let server: HostileServer | undefined;
  let guard: LoopbackGuard;

  beforeEach(() => {
    guard = guardLoopbackOnly();
  });
  afterEach(async () => {
    guard.restore();
    await server?.close();
    assert.deepEqual(guard.refused, [], "traffic tried to leave the machine");
  });

  async function clientFacing(answer: (path: string, method: string, authorization: string) => Answer): Promise<ScalingoClient> {
    server = await startHostileServer({ answer: (request, authorization) => answer(request.path, request.method, authorization) });
    return new ScalingoClient({ apiToken: API_TOKEN, authUrl: server.url, timeoutMs: 1_000, retries: 1, retryBaseDelayMs: 10 });
  }

  for (const hostile of CASES) {
    it(`${hostile.title}: a clear ${hostile.error.name}, nothing echoed`, async () => {
      const client = await clientFacing((p) => (p === MIGRATION ? hostile.answer : { status: 404, body: {} }));
      const id = "11111111-2222-4333-8444-555555555555";
      await assert.rejects(client.getMigration("osc-fr1", "my-app", id), (error: Error) => {
        assert.ok(error instanceof hostile.error, `${error.name}: ${error.message}`);
        assert.match(error.message, hostile.message);
        assert.ok(error.message.length < 600, `a ${error.message.length}-character message`);
        assert.deepEqual(secretsIn(error, [API_TOKEN, ...server!.bearers]), []);
        return true;
      });
    });
  }

  it("a region echoing the bearer it received in its errors: the error repeats none of it", async () => {
    const client = await clientFacing((_p, method, authorization) =>
      method === "GET" ? { status: 500, body: { error: `refused ${authorization}` } } : { status: 422, body: `invalid credentials: ${authorization}` },
    );
    for (const call of [
      () => client.getApp("osc-fr1", "my-app"),
      () => client.createMigration("osc-fr1", "my-app", { destination: "osc-secnum-fr1", dstAppName: "" }),
    ]) {
      await assert.rejects(call(), (error: Error) => {
        assert.ok(error instanceof ScalingoHttpError, error.message);
        assert.match(error.message, /\[redacted\]/);
        assert.deepEqual(secretsIn(error, [API_TOKEN, ...server!.bearers]), [], printable(error));
        return true;
      });
    }
  });

  it("an auth service echoing the API token it refused: the error repeats none of it", async () => {
    server = await startHostileServer({
      exchange: (_bearer, authorization) => {
        const decoded = Buffer.from(authorization.replace(/^Basic /, ""), "base64").toString();
        return { status: 401, body: { error: `bad token ${decoded} (${authorization})` } };
      },
    });
    const client = new ScalingoClient({ apiToken: API_TOKEN, authUrl: server.url, timeoutMs: 1_000, retries: 1, retryBaseDelayMs: 10 });
    await assert.rejects(client.getApp("osc-fr1", "my-app"), (error: Error) => {
      assert.ok(error instanceof ScalingoHttpError, error.message);
      assert.deepEqual(secretsIn(error, [API_TOKEN, Buffer.from(`:${API_TOKEN}`).toString("base64")]), [], printable(error));
      return true;
    });
  });

  it("megabytes of step logs: the migration's failure report stays a few lines", async () => {
    const hugeLogs = `database restore failed: ${"E".repeat(5 * 1024 * 1024)}`;
    let created = false;
    const client = await clientFacing((p, method) => {
      if (p.endsWith("/region_migrations") && method === "GET") return { status: 200, body: [] };
      if (p.endsWith("/region_migrations") && method === "POST") return (created = true), { status: 201, body: migrationJson() };
      if (p.endsWith("/run")) return { status: 204 };
      const failed = { id: "s1", name: "Check addon versions", status: "error", logs: hugeLogs };
      return { status: 200, body: migrationJson(created ? { status: "error", steps: [failed] } : {}) };
    });
    const journal = new IntentJournal(fs.mkdtempSync(path.join(os.tmpdir(), "hostile-journal-")));
    const migrator = new Migrator({ client, journal, schedule: { nextDelayMs: () => 20, observe: () => undefined, expectedMs: () => 1_000 }, log: () => undefined }, "hostile");
    const spec = { app: "my-app", sourceRegion: "osc-fr1", destinationRegion: "osc-secnum-fr1", newName: "", stage: "finalize" as const, migrateData: true, timeouts: DEFAULT_TIMEOUTS_MS, owner: "p/s/hostile" };
    await assert.rejects(migrator.advance(spec, { reachedStage: null }), (error: Error) => {
      assert.ok(error instanceof MigrationFailedError, error.message);
      assert.match(error.message, /Check addon versions: database restore failed: E+\.\.\./);
      assert.ok(error.message.length < 4_000, `a ${error.message.length}-character failure report`);
      return true;
    });
  });
});
