import * as assert from "node:assert/strict";
import { providerWorld } from "../support/provider-world";
import { writesIn } from "../support/simulator-env";

type Props = Record<string, unknown>;

/** A region that no longer serves the region-migration API, as Scalingo's regions since April 2025. */
const RETIRED = { path: "/v1/apps/*/region_migrations", method: "GET", status: 410, body: { error: "gone" } };

describe("AppMigration provider: the engine input (auto, server, client)", function () {
  this.timeout(30_000);
  const world = providerWorld();
  const declared = (extra: Props = {}): Props => ({ app: "shop-app", sourceRegion: "osc-fr1", destinationRegion: "osc-secnum-fr1", stage: "create", owner: "proj/dev/shop", ...extra });

  async function created(news: Props) {
    const checked = await world.provider.check({}, news);
    assert.deepEqual(checked.failures, []);
    return { inputs: checked.inputs, ...(await world.provider.create(checked.inputs)) };
  }

  it("auto picks the server engine where the source region offers the region-migration API", async () => {
    const { outs } = await created(declared());
    assert.equal(outs.engine, "server");
    assert.equal(outs.status, "preflight-success");
  });

  it("auto picks the client engine where the API is retired (410), and its create writes nothing", async () => {
    world.simulator.setFaults([RETIRED]);
    const { outs } = await created(declared());
    assert.equal(outs.engine, "client");
    assert.equal(outs.status, "preflight-success");
    assert.match(String(outs.migrationId), /^[0-9a-f-]{36}$/);
    // The name check is a dry run (X-Dry-Run): the only POST that is not a credential exchange
    // (an addon token, to read the database's version).
    const writes = writesIn(world.simulator).filter((w) => !/\/addons\/[^/]+\/token$/.test(w.path));
    assert.deepEqual(writes.map((w) => `${w.method} ${w.path}`), ["POST /v1/apps"]);
    assert.equal(world.simulator.app("osc-secnum-fr1", "shop-app"), undefined);
    assert.deepEqual(outs.redirectExpiresAt, null);
  });

  it("keeps the engine of the state: a declared change mid-migration is refused, naming the field", async () => {
    const { outs, id, inputs } = await created(declared({ engine: "server" }));
    const next = (await world.provider.check(inputs, declared({ engine: "client", stage: "prepare" }))).inputs;
    await assert.rejects(world.provider.diff(id, outs, next), /engine cannot change from "server" to "client"/);
  });

  it("keeps a state written before the engine input on the server engine", async () => {
    const { outs, id, inputs } = await created(declared({ app: "my-app" }));
    const { engine: _dropped, manualActions: _m, copied: _c, ...old } = outs;
    world.simulator.setFaults([RETIRED]); // would make "auto" pick client for a new resource
    const next = (await world.provider.check(inputs, declared({ app: "my-app", stage: "prepare" }))).inputs;
    const { outs: after } = await world.provider.update(id, old, next);
    assert.equal(after.engine, "server");
    assert.equal(after.status, "prepared");
  });

  it("refuses bad client-engine inputs with messages naming the field", async () => {
    const failures = async (extra: Props) => (await world.provider.check({}, declared(extra))).failures.map((f: { property: string; reason: string }) => `${f.property}: ${f.reason}`);
    assert.match((await failures({ engine: "fast" })).join("\n"), /^engine: engine must be one of "auto", "server", "client"/);
    assert.match((await failures({ sourceArchive: "code.zip" })).join("\n"), /^sourceArchive: sourceArchive must be a local \.tar\.gz path or an http\(s\) URL/);
    assert.match((await failures({ certificates: { "www.example.com": { certificate: "nope", privateKey: "x" } } })).join("\n"), /^certificates: certificates\.<domain>\.certificate must be a PEM certificate/);
  });
});
