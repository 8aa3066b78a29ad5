import * as assert from "node:assert/strict";
import * as http from "node:http";
import { decodeJwt } from "jose";
import { ScalingoConfigError, ScalingoHttpError, ScalingoResponseError, ScalingoValidationError } from "../../provider/client";
import { backupSettled, PublicApi, Secret } from "../../provider/client/public";
import { DEFAULT_API_TOKEN } from "../../simulator";
import { deployedApp, everything, publicWorld, until } from "./support/public-world";

/**
 * Secrets (variable values, certificate keys, addon tokens, backup and source URLs) never in an
 * error: an error names the call (method, path, region) and the status, and what the server
 * said minus anything secret it quoted. Each family's own suite has more of these.
 */
describe("public API client: secrets never in errors", function () {
  this.timeout(20_000);
  const world = publicWorld();

  it("a body that breaks the contract is named by field, not by value", async () => {
    const value = "s3cr3t-value-of-a-variable";
    world.sim.setFaults([{ method: "GET", path: "/v1/apps/shop-app/variables", status: 200, body: { variables: [{ name: "API_KEY", value }] } }]);
    await assert.rejects(world.src.variables.list("shop-app"), (e: unknown) => {
      assert.ok(e instanceof ScalingoResponseError);
      assert.equal(e.message, "GET /v1/apps/shop-app/variables (region osc-fr1) answered 200 with an unexpected body: invalid_type at variables.0.id");
      assert.ok(!everything(e).includes(value));
      return true;
    });
  });

  it("a backup URL passed to a one-off's env stays out of the run's error", async () => {
    await deployedApp(world.dst, "shop-app");
    const source = (await world.src.addons.list("shop-app"))[0]!;
    const backup = await world.src.databases.createBackup("shop-app", source.id);
    await until(() => world.src.databases.showBackup("shop-app", source.id, backup.id), backupSettled);
    const url = await world.src.databases.archiveUrl("shop-app", source.id, backup.id);
    world.sim.setFaults([{ method: "POST", path: "/v1/apps/shop-app/run", status: 422, body: { errors: { env: [`BACKUP_URL=${url.reveal()} is too long`] } } }]);
    await assert.rejects(world.dst.oneOffs.runDetached("shop-app", { command: "echo", env: { BACKUP_URL: url } }), (e: unknown) => {
      assert.ok(e instanceof ScalingoValidationError);
      assert.deepEqual(e.fieldErrors.env, ["BACKUP_URL=[redacted] is too long"]);
      assert.ok(!everything(e).includes("signature"), everything(e));
      return true;
    });
  });

  it("an expired logs URL is named as such, never shown", async () => {
    await deployedApp(world.dst, "shop-app");
    world.sim.setFaults([{ method: "GET", path: "/_logs/*", status: 401, body: "invalid token\n" }]);
    await assert.rejects(world.dst.logs.lines("shop-app"), (e: unknown) => {
      assert.ok(e instanceof ScalingoHttpError);
      assert.equal(e.message, "GET <logs URL> (region osc-secnum-fr1) answered 401: invalid token");
      assert.ok(!everything(e).includes("token="), everything(e));
      return true;
    });
  });

  it("an addon token quoted back by the Database API is stripped (the addon's token goes there, not the user's bearer)", async () => {
    const seen: string[] = [];
    const echo = http.createServer((req, res) => {
      seen.push(String(req.headers.authorization));
      res.writeHead(500, { "Content-Type": "text/plain" }).end(`refused ${req.headers.authorization}`);
    });
    await new Promise<void>((resolve) => echo.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = echo.address() as { port: number };
      const api = new PublicApi({ apiToken: DEFAULT_API_TOKEN, authUrl: world.sim.authUrl, retries: 0, databaseApiUrls: { "osc-fr1": `http://127.0.0.1:${port}` } });
      const addon = (await api.region("osc-fr1").addons.list("shop-app"))[0]!;
      await assert.rejects(api.region("osc-fr1").databases.show("shop-app", addon.id), (e: unknown) => {
        assert.ok(e instanceof ScalingoHttpError);
        assert.equal(e.message, `GET /api/databases/${addon.id} (region osc-fr1) answered 500: refused Bearer [redacted]`);
        return true;
      });
      assert.equal(seen.length, 1);
      assert.equal(decodeJwt(seen[0]!.replace(/^Bearer /, "")).addon, addon.id, "the addon's own token went as the bearer");
    } finally {
      echo.close();
    }
  });

  it("refuses to send an archive to a plain-http URL that is not this machine, without printing it", async () => {
    const source = { uploadUrl: new Secret("http://storage.example.com/up?sig=abcdef123456"), downloadUrl: new Secret("x") };
    await assert.rejects(world.dst.sources.upload(source, Buffer.from([0x1f, 0x8b])), (e: unknown) => {
      assert.ok(e instanceof ScalingoConfigError);
      assert.ok(!everything(e).includes("abcdef123456"), everything(e));
      assert.match(e.message, /http:\/\/storage\.example\.com/);
      return true;
    });
  });
});
