import * as assert from "node:assert/strict";
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { comparableShape, counts, withoutManual } from "../client-engine/shape";
import { AppMigration } from "../../provider";
import { newStack } from "../support/pulumi-engine";
import { DEMO_TOKEN } from "../support/simulator-env";
import { assertNoToken, engineWorld, outputsOf, PROJECT, rootProgramStack, storedMigration } from "./e2e-harness";

const UP_PROCESS = path.join(__dirname, "..", "support", "up-process.js");
const SOURCE = "osc-fr1";
const DESTINATION = "osc-secnum-fr1";

describe("real engine: the client engine moves shop-app through the public API", function () {
  this.timeout(240_000);
  const world = engineWorld({ rateLimitPerMinute: 0 });

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

  it("abort at prepare: destroy deletes the destination and gives the source its auto-deploy back", async () => {
    const sim = world.simulator;
    const before = sim.app(SOURCE, "shop-app")!;
    const stack = world.track(await rootProgramStack(sim, { app: "shop-app", stage: "prepare", engine: "client" }));
    await stack.up();
    assert.equal((await outputsOf(stack)).status, "prepared");
    assert.equal(sim.app(SOURCE, "shop-app")!.scm?.auto_deploy_enabled, false, "frozen");
    await stack.destroy();
    const after = sim.app(SOURCE, "shop-app")!;
    assert.equal(sim.app(DESTINATION, "shop-app"), undefined);
    assert.equal(after.scm?.auto_deploy_enabled, before.scm?.auto_deploy_enabled);
    assert.deepEqual(after.formation.map((f) => [f.name, f.amount]), before.formation.map((f) => [f.name, f.amount]));
  });

  it("kill -9 during prepare, then the documented recovery: the same destination, nothing twice", async () => {
    const sim = world.simulator;
    sim.setAsyncTimings({ deployment: 8_000 });
    const stack = world.track(await rootProgramStack(sim, { app: "shop-app", stage: "prepare", engine: "client" }, { stackName: "crash" }));
    const env = { SCALINGO_AUTH_URL: sim.authUrl, SCALINGO_API_TOKEN: DEMO_TOKEN, SCALINGO_REGION: SOURCE };
    const config = { app: "shop-app", stage: "prepare", destinationRegion: DESTINATION, engine: "client" };
    const child = spawn(process.execPath, [UP_PROCESS, JSON.stringify({ dir: stack.dir, stackName: "crash", projectName: PROJECT, env, config })], { detached: true, stdio: ["ignore", "pipe", "pipe"] });
    let said = "";
    child.stdout.on("data", (d: Buffer) => (said += d.toString()));
    child.stderr.on("data", (d: Buffer) => (said += d.toString()));
    const exited = new Promise((resolve) => child.once("exit", resolve));
    // Killed while the destination's code builds (prepare's longest sub-step).
    await until(() => (sim.app(DESTINATION, "shop-app")?.deployments ?? []).some((d) => d.status === "building"), 90_000, () => said);
    process.kill(-child.pid!, "SIGKILL");
    await exited;
    await stack.stack.cancel();
    await stack.stack.refresh({ clearPendingCreates: true, color: "never" });
    sim.setAsyncTimings({ deployment: 150 });
    await stack.up();
    const outputs = await outputsOf(stack);
    assert.equal(outputs.status, "prepared");
    const after = sim.app(DESTINATION, "shop-app")!;
    assert.equal(after.deployments.length, 1, "the build started before the kill was waited for, not started again");
    assert.equal(sim.requests().filter((r) => r.method === "POST" && r.path === "/v1/apps" && r.region === DESTINATION).length, 2, "one dry run, one create");
    assert.deepEqual(counts(after), { domains: 2, addons: 2, env: 6, collaborators: 1, notifiers: 2, alerts: 1, logDrains: 2, autoscalers: 0, deployments: 1 });
    assert.equal((await storedMigration(stack))?.engine, "client");
  });

  it("kill -9 during data (a backup running), then recovery: one backup, equal digests, and destroy restores the source", async () => {
    const sim = world.simulator;
    const before = sim.app(SOURCE, "shop-app")!;
    sim.setAsyncTimings({ backup: 8_000 });
    const stack = world.track(await rootProgramStack(sim, { app: "shop-app", stage: "data", engine: "client" }, { stackName: "crash" }));
    const env = { SCALINGO_AUTH_URL: sim.authUrl, SCALINGO_API_TOKEN: DEMO_TOKEN, SCALINGO_REGION: SOURCE };
    const config = { app: "shop-app", stage: "data", destinationRegion: DESTINATION, engine: "client" };
    const child = spawn(process.execPath, [UP_PROCESS, JSON.stringify({ dir: stack.dir, stackName: "crash", projectName: PROJECT, env, config })], { detached: true, stdio: ["ignore", "pipe", "pipe"] });
    let said = "";
    child.stdout.on("data", (d: Buffer) => (said += d.toString()));
    child.stderr.on("data", (d: Buffer) => (said += d.toString()));
    const exited = new Promise((resolve) => child.once("exit", resolve));
    const backups = () => sim.app(SOURCE, "shop-app")!.addons.find((a) => a.provider_id === "postgresql")!.backups;
    await until(() => backups().some((b) => b.status !== "done"), 90_000, () => said);
    process.kill(-child.pid!, "SIGKILL");
    await exited;
    assert.deepEqual(sim.app(SOURCE, "shop-app")!.formation.map((f) => f.amount), [0, 0], "killed after the source stopped");
    await stack.stack.cancel();
    await stack.stack.refresh({ clearPendingCreates: true, color: "never" });
    sim.setAsyncTimings({ backup: 80 });
    await stack.up();
    assert.equal((await outputsOf(stack)).status, "data-migrated");
    assert.equal(backups().length, 1, "the backup taken before the kill was waited for, not taken again");
    assert.equal(sim.database(DESTINATION, "shop-app", "postgresql").digest, sim.database(SOURCE, "shop-app", "postgresql").digest);
    await stack.destroy();
    const after = sim.app(SOURCE, "shop-app")!;
    assert.deepEqual(after.formation.map((f) => [f.name, f.amount]), before.formation.map((f) => [f.name, f.amount]), "the recorded formation is back");
    assert.equal(after.scm?.auto_deploy_enabled, true);
    assert.equal(sim.app(DESTINATION, "shop-app"), undefined);
  });
});

async function until(condition: () => boolean, timeoutMs: number, context: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) assert.fail(`timed out; child said:\n${context()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

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
