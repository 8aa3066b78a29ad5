import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FixturesError, startSimulator, type Simulator, type WorldFixtures } from "../../simulator";
import { TestClient } from "./support/test-client";

const WORLD: WorldFixtures = {
  regions: [
    { name: "eu-one", displayName: "Europe one", default: true },
    { name: "eu-two", displayName: "Europe two", minAddonVersions: { mysql: "8" } },
  ],
  accounts: [
    { email: "ops@example.com", username: "ops", apiTokens: ["tk-us-ops"] },
    { email: "dev@example.com", username: "dev", apiTokens: ["tk-us-dev"] },
  ],
  apps: [
    { name: "shop", region: "eu-one", addons: [{ providerId: "mysql", version: "5.7.40" }] },
    { name: "blog", region: "eu-one", owner: "dev" },
  ],
};

describe("simulator: fixtures", () => {
  let dir: string;
  let sim: Simulator | undefined;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "scalingo-sim-fixtures-"));
  });
  afterEach(async () => {
    await sim?.close();
    sim = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  it("serves a world read from a fixtures file, with per-account apps", async () => {
    const path = join(dir, "world.json");
    writeFileSync(path, JSON.stringify(WORLD));
    sim = await startSimulator({ port: 0, fixtures: path });
    const ops = new TestClient(sim, "tk-us-ops");
    assert.equal((await ops.get("eu-one", "/v1/apps/shop")).status, 200);
    assert.equal((await ops.get("eu-one", "/v1/apps/blog")).status, 404, "another account's app is invisible");
    const dev = new TestClient(sim, "tk-us-dev");
    assert.equal((await dev.get("eu-one", "/v1/apps/blog")).status, 200);

    const { id } = await ops.post("eu-one", "/v1/apps/shop/region_migrations", { migration: { destination: "eu-two", dst_app_name: "" } }).then((a) => a.body);
    const answer = await ops.post("eu-one", `/v1/apps/shop/region_migrations/${id}/run`, { step: "preflight" });
    assert.equal(answer.status, 204);
    const m = await ops.waitUntilEnded("shop", id);
    assert.equal(m.status, "preflight-error");
    assert.match(m.steps[0].logs ?? "", /MySQL .* not supported on the eu-two zone/);
  });

  it("names the field of a fixtures file that is wrong", async () => {
    const cases: [unknown, RegExp][] = [
      [{ ...WORLD, apps: [{ name: "shop", region: "mars" }] }, /apps\[0\]\.region: unknown region 'mars'/],
      [{ ...WORLD, apps: [{ name: "shop", region: "eu-one", addons: [{ providerId: "redis", version: "latest" }] }] }, /apps\[0\]\.addons\[0\]\.version/],
      [{ ...WORLD, apps: [{ name: "shop", region: "eu-one", owner: "nobody" }] }, /apps\[0\]\.owner/],
      [{ regions: WORLD.regions }, /accounts/],
    ];
    for (const [world, message] of cases) {
      const path = join(dir, "bad.json");
      writeFileSync(path, JSON.stringify(world));
      await assert.rejects(startSimulator({ port: 0, fixtures: path }), (error: Error) => {
        assert.ok(error instanceof FixturesError);
        assert.match(error.message, message);
        assert.ok(error.message.includes(path));
        return true;
      });
    }
    writeFileSync(join(dir, "broken.json"), "{");
    await assert.rejects(startSimulator({ port: 0, fixtures: join(dir, "broken.json") }), /not valid JSON/);
  });
});
