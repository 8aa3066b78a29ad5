import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { comparableShape, counts, withoutManual } from "../../client-engine/shape";
import { AppMigration } from "../../../provider";
import { newStack } from "../../support/pulumi-engine";
import { DEMO_TOKEN } from "../../support/simulator-env";
import * as os from "node:os";
import { codeArchive } from "../../simulator/support/public-api";
import { deployedApp } from "../../client/support/public-world";
import { assertNoToken, engineWorld, outputsOf, PROJECT, rootProgramStack, storedMigration } from "../e2e-harness";
import { credentialsOnTheWire } from "../../reliability/support/secret-scan";
import { DESTINATION, failedUp, personApi, SOURCE } from "./support";

describe("real engine: the client engine moves shop-app through the public API", function () {
  this.timeout(240_000);
  const world = engineWorld({ rateLimitPerMinute: 0, captureRequests: true });

  it("one-shot up to finalize: the destination equals the source minus the manual items, and no value leaks", async () => {
    const sim = world.simulator;
    const before = sim.app(SOURCE, "shop-app")!;
    const stack = world.track(await rootProgramStack(sim, { app: "shop-app", stage: "finalize", engine: "client" }));
    const started = Date.now();
    await stack.up();
    const wallMs = Date.now() - started;
    const outputs = await outputsOf(stack);
    assert.equal(outputs.status, "done");
    assert.equal(outputs.engine, "client");
    assert.equal(outputs.redirectExpiresAt, null);
    assert.match(String(outputs.nextStep), /Nothing redirects traffic/);
    assert.ok((outputs.manualActions as { id: string }[]).some((a) => a.id === "dns:shop.example.com"));
    const after = sim.app(DESTINATION, "shop-app")!;
    assert.deepEqual(comparableShape(after), withoutManual(comparableShape(before), before));
    assert.equal(sim.database(DESTINATION, "shop-app", "postgresql").digest, sim.database(SOURCE, "shop-app", "postgresql").digest);
    await assertNoToken(stack);
    const wire = credentialsOnTheWire(sim.capturedRequests(), [DEMO_TOKEN]);
    assert.deepEqual(wire.outOfPlace, [], "a credential on the wire outside the Authorization header");
    assert.ok(wire.inPlace > 0, "the scan saw the credentials where they belong");
    assert.ok(!sim.requests().some((r) => r.path.includes(DEMO_TOKEN)), "the token in the request log");
    const state = await stack.exportState();
    const output = stack.output.join("");
    for (const secret of [before.env.SCALINGO_POSTGRESQL_URL, "dd-token", "hooks.slack.com", "/_storage/"]) {
      assert.ok(!state.includes(secret), `${secret} in state`);
      assert.ok(!output.includes(secret), `${secret} in the engine output`);
    }
    assert.ok(output.includes("✔ Import PostgreSQL data"), "progress lines reach the engine output");
    const requests = sim.requests().filter((r) => r.region !== null || r.path !== "/v1/tokens/exchange").length;
    console.log(`      shop-app, client engine: ${requests} requests, ${wallMs} ms wall (one-shot up to finalize)`);
    // A second up has nothing to do and sends no write.
    sim.clearRequests();
    await stack.up();
    assert.deepEqual(sim.requests().filter((r) => r.method !== "GET" && !/tokens\/exchange/.test(r.path)).map((r) => `${r.method} ${r.path}`), []);
    assert.deepEqual(counts(sim.app(DESTINATION, "shop-app")!), counts(after));
  });
});

describe("real engine: the client engine moves the other fixture apps (MySQL, git push)", function () {
  this.timeout(240_000);
  const world = engineWorld({ rateLimitPerMinute: 0 });

  it("mysql-app in one up with a sourceArchive: the same shape, equal digests, a version warning, no token", async () => {
    const sim = world.simulator;
    const before = sim.app(SOURCE, "mysql-app")!;
    const archive = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "mysql-app-code-")), "code.tar.gz");
    fs.writeFileSync(archive, codeArchive("web: npm start\n"));
    const stack = world.track(await rootProgramStack(sim, { app: "mysql-app", stage: "finalize", engine: "client", sourceArchive: archive }));
    await stack.up();
    const outputs = await outputsOf(stack);
    assert.equal(outputs.status, "done");
    const after = sim.app(DESTINATION, "mysql-app")!;
    assert.deepEqual(comparableShape(after), withoutManual(comparableShape(before), before));
    assert.equal(sim.database(DESTINATION, "mysql-app", "mysql").digest, sim.database(SOURCE, "mysql-app", "mysql").digest);
    assert.equal(after.addons[0]!.version, "8.0.40", "the destination's default version");
    const warning = (outputs.manualActions as { id: string; blocking: boolean; why: string }[]).find((a) => a.id === "db-version:mysql");
    assert.ok(warning && !warning.blocking && /runs 8\.0\.36; .* gets 8\.0\.40/.test(warning.why), JSON.stringify(warning));
    // One notifier: the default one Scalingo gives every new app.
    assert.deepEqual(counts(after), { domains: 0, addons: 1, env: 2, collaborators: 0, notifiers: 1, alerts: 0, logDrains: 0, autoscalers: 0, deployments: 1 });
    assert.deepEqual(sim.app(SOURCE, "mysql-app")!.formation.map((f) => f.amount), [0], "the source is stopped, not deleted");
    await assertNoToken(stack);
    assert.ok(!stack.output.join("").includes(before.env.SCALINGO_MYSQL_URL!), "the database URL in the engine output");
  });

  it("git-push-app without code: finalize refused with the gitUrl to push to, then accepted after a deployment", async () => {
    const sim = world.simulator;
    const before = sim.app(SOURCE, "git-push-app")!;
    const stack = world.track(await rootProgramStack(sim, { app: "git-push-app", stage: "finalize", engine: "client" }));
    const seen = await failedUp(stack);
    assert.match(seen, /app git-push-app on osc-secnum-fr1: no deployment has succeeded yet: push your code to git@/);
    const partial = (await storedMigration(stack))!;
    assert.equal(partial.status, "error");
    assert.equal(partial.reachedStage, "prepare", "partial state kept: prepare is done");
    assert.ok(String(partial.gitUrl).startsWith("git@"), "the gitUrl to push to is an output");
    assert.ok((partial.manualActions as { id: string; blocking: boolean }[]).some((a) => a.id === "code:git-push" && a.blocking));
    assert.deepEqual(sim.app(SOURCE, "git-push-app")!.formation.map((f) => f.amount), [1, 1], "refused before the source stops");
    // The person pushes (a deployment through the API, as a push makes one).
    await deployedApp(personApi(sim).region(DESTINATION), "git-push-app", "web: bundle exec puma\nclock: bundle exec clockwork clock.rb", { create: false });
    await stack.up();
    const outputs = await outputsOf(stack);
    assert.equal(outputs.status, "done");
    assert.ok(!(outputs.manualActions as { id: string }[]).some((a) => a.id === "code:git-push"));
    const after = sim.app(DESTINATION, "git-push-app")!;
    assert.deepEqual(comparableShape(after), withoutManual(comparableShape(before), before));
    assert.equal(sim.database(DESTINATION, "git-push-app", "postgresql").digest, sim.database(SOURCE, "git-push-app", "postgresql").digest);
    assert.equal(after.deployments.length, 1, "no deployment of ours beside the person's");
    await assertNoToken(stack);
  });
});

const CERTIFICATE = "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUclientenginetestcertificate0000000000wCgYIKoZIzj0EAwIw\n-----END CERTIFICATE-----\n";
const PRIVATE_KEY = "-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgsupersecretkeymaterial42\n-----END PRIVATE KEY-----\n";

describe("real engine: a certificate declared for the client engine", function () {
  this.timeout(240_000);
  const world = engineWorld({ rateLimitPerMinute: 0 });

  it("uploads it on the destination and keeps the key out of state and output", async () => {
    const stack = world.track(
      await newStack({
        program: async () => {
          const migration = new AppMigration("shop", {
            app: "shop-app",
            sourceRegion: SOURCE,
            destinationRegion: DESTINATION,
            stage: "prepare",
            engine: "client",
            certificates: { "www.shop.example.com": { certificate: CERTIFICATE, privateKey: PRIVATE_KEY } },
          });
          return { manualActions: migration.manualActions, engine: migration.engine };
        },
        projectName: PROJECT,
        env: { SCALINGO_AUTH_URL: world.simulator.authUrl, SCALINGO_API_TOKEN: DEMO_TOKEN },
      }),
    );
    await stack.preview();
    assert.match(stack.output.join(""), /engine: client \(declared engine: "client"\)/, stack.output.join(""));
    assert.match(stack.output.join(""), /\[shop\] next up on osc-secnum-fr1: app shop-app: create; .*addons: provision postgresql, redis/, "preview lists per kind what up will create");
    assert.deepEqual(world.simulator.requests().filter((r) => r.method !== "GET" && !/tokens\/exchange|\/token$/.test(r.path) && !(r.method === "POST" && r.path === "/v1/apps")), [], "preview writes nothing (the name check is a dry run)");
    await stack.up();
    const outputs = await outputsOf(stack);
    assert.equal(outputs.engine, "client");
    assert.ok(!(outputs.manualActions as { id: string }[]).some((a) => a.id === "certificate:www.shop.example.com"), "the declared certificate is no manual action");
    const domain = world.simulator.app(DESTINATION, "shop-app")!.domains.find((d) => d.name === "www.shop.example.com")!;
    assert.ok(domain.tlskey, "the destination domain has its certificate");
    // The Automation API exports with --show-secrets: the key is there, marked secret (Pulumi's
    // secret signature). What is stored is the checkpoint on disk: encrypted there.
    const exported = JSON.parse(await stack.exportState()) as { deployment: { resources: { type: string; inputs: Record<string, unknown>; outputs: Record<string, unknown> }[] } };
    const resource = exported.deployment.resources.find((r) => r.type.endsWith("AppMigration"))!;
    assert.ok(JSON.stringify(resource.inputs.certificates).includes("4dabf18193072939515e22adb298388d"), "the certificates input is a secret");
    assert.ok(!JSON.stringify(resource.outputs).includes("supersecretkeymaterial42") || JSON.stringify(resource.outputs.certificates ?? "").includes("4dabf18193072939515e22adb298388d"), "no clear key among the outputs");
    const checkpoints = fs.readdirSync(path.join(stack.dir, "backend"), { recursive: true }).map(String).filter((f) => f.endsWith(".json"));
    assert.ok(checkpoints.length > 0);
    for (const file of checkpoints) assert.ok(!fs.readFileSync(path.join(stack.dir, "backend", file), "utf8").includes("supersecretkeymaterial42"), `the private key is in clear in ${file}`);
    assert.ok(!stack.output.join("").includes("supersecretkeymaterial42"), "the private key leaked in the engine output");
  });
});
