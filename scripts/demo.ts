/**
 * `npm run demo`: a whole region migration, rehearsed on this machine. Starts the embedded
 * Scalingo simulator, runs the root Pulumi program (program/) through every stage on the real
 * Pulumi engine with a file backend in a temporary folder, then shows an abort through
 * `pulumi destroy` on a second app. Leaves no process and no folder behind.
 */
import type { OutputMap } from "@pulumi/pulumi/automation";
import { migrationFromConfig } from "../program/migration-from-config";
import { DEFAULT_API_TOKEN, startSimulator, type Simulator } from "../simulator";
import { locatePulumi, newLocalStack, type LocalStack } from "./support/local-engine";

const STAGES = ["create", "prepare", "data", "finalize"] as const;

async function main(): Promise<void> {
  say("Looking for the Pulumi CLI (built from the Go module proxy on first use; this can take a few minutes)…");
  if (!locatePulumi()) throw new Error("no Pulumi CLI and none could be built: install Pulumi or Go, see scripts/pulumi-cli.sh");

  const simulator = await startSimulator({
    port: 0,
    // Seconds, not minutes: long enough to watch the sub-steps go by.
    stepDurations: { preflight: 1_500, prepare: 4_000, data: 4_000, finalize: 2_500, abort: 2_500 },
  });
  const stacks: LocalStack[] = [];
  const cleanup = async () => {
    for (const s of stacks) s.remove();
    await simulator.close();
  };
  process.once("SIGINT", () => void cleanup().finally(() => process.exit(130)));
  try {
    say(`Scalingo simulator listening: SCALINGO_AUTH_URL=${simulator.authUrl}`);
    await migrateMyApp(simulator, stacks);
    await abortSecondApp(simulator, stacks);
    say("Done. Rehearse your own: npx scalingo-simulator, then the commands in README.md.");
  } finally {
    await cleanup();
  }
}

async function migrateMyApp(simulator: Simulator, stacks: LocalStack[]): Promise<void> {
  const local = await newLocalStack({ program: async () => migrationFromConfig(), env: envFor(simulator), stackName: "demo" });
  stacks.push(local);
  const { stack } = local;
  await stack.setAllConfig({
    "scalingo-migration:app": { value: "my-app" },
    "scalingo-migration:destinationRegion": { value: "osc-secnum-fr1" },
  });
  for (const stage of STAGES) {
    await stack.setConfig("scalingo-migration:stage", { value: stage });
    if (stage === "prepare") {
      banner(`pulumi preview   (stage: ${stage}; nothing is written to Scalingo)`);
      await stack.preview({ onOutput: print, diff: false });
    }
    banner(`pulumi config set stage ${stage} && pulumi up`);
    const result = await stack.up({ onOutput: print });
    summarize(result.outputs);
  }
  const outputs = (await stack.outputs()) as OutputMap;
  const dns = (outputs.dnsChanges?.value ?? []) as { domain: string; type: string; target: string }[];
  banner("Migration done");
  say(`Your application is now available at: ${outputs.newAppUrl?.value}`);
  say(`Point your git remote at the new region:\n    git remote set-url scalingo ${outputs.gitUrl?.value}`);
  if (dns.length) {
    say("You need to make the following changes to your DNS records:");
    for (const change of dns) say(`    - ${change.type} record of ${change.domain} should be changed to ${change.target}`);
    say(`The old region redirects traffic until ${outputs.redirectExpiresAt?.value}; update DNS before then.`);
  }
}

async function abortSecondApp(simulator: Simulator, stacks: LocalStack[]): Promise<void> {
  const local = await newLocalStack({ program: async () => migrationFromConfig(), env: envFor(simulator), stackName: "abort-demo" });
  stacks.push(local);
  const { stack } = local;
  await stack.setAllConfig({
    "scalingo-migration:app": { value: "my-app-2" },
    "scalingo-migration:destinationRegion": { value: "osc-secnum-fr1" },
    "scalingo-migration:stage": { value: "prepare" },
  });
  banner("Second app: my-app-2 to stage prepare, then abort it");
  summarize((await stack.up({ onOutput: print })).outputs);
  banner("pulumi destroy   (= scalingo migration-abort)");
  await stack.destroy({ onOutput: print });
  const source = simulator.app("osc-fr1", "my-app-2");
  const leftover = simulator.app("osc-secnum-fr1", "my-app-2");
  say(`my-app-2 on osc-fr1: ${source?.status ?? "missing"}; on osc-secnum-fr1: ${leftover ? "still there!" : "deleted"}`);
}

function envFor(simulator: Simulator): Record<string, string> {
  return { SCALINGO_AUTH_URL: simulator.authUrl, SCALINGO_API_TOKEN: DEFAULT_API_TOKEN, SCALINGO_REGION: "osc-fr1" };
}

function summarize(outputs: OutputMap): void {
  say(`status: ${outputs.status?.value}   stage reached: ${outputs.reachedStage?.value}`);
  if (outputs.nextStep?.value) say(`next: ${outputs.nextStep.value}`);
}

function print(text: string): void {
  process.stdout.write(text);
}

function banner(text: string): void {
  process.stdout.write(`\n\x1b[1m==> ${text}\x1b[0m\n`);
}

function say(text: string): void {
  process.stdout.write(`${text}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`demo failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
