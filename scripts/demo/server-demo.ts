import type { OutputMap } from "@pulumi/pulumi/automation";
import { migrationFromConfig } from "../../program/migration-from-config";
import type { Simulator } from "../../simulator";
import { newLocalStack, type LocalStack } from "../support/local-engine";
import type { DemoOutput } from "./output";

const STAGES = ["create", "prepare", "data", "finalize"] as const;

/** The server engine (Scalingo's region-migration API, as the simulator still serves it): my-app through every stage, then an abort of my-app-2. */
export async function serverDemo(simulator: Simulator, env: Record<string, string>, stacks: LocalStack[], out: DemoOutput): Promise<OutputMap> {
  const outputs = await migrateMyApp(env, stacks, out);
  await abortSecondApp(simulator, env, stacks, out);
  return outputs;
}

async function migrateMyApp(env: Record<string, string>, stacks: LocalStack[], out: DemoOutput): Promise<OutputMap> {
  const local = await newLocalStack({ program: async () => migrationFromConfig(), env, stackName: "demo" });
  stacks.push(local);
  const { stack } = local;
  await stack.setAllConfig({
    "scalingo-migration:app": { value: "my-app" },
    "scalingo-migration:destinationRegion": { value: "osc-secnum-fr1" },
    "scalingo-migration:engine": { value: "server" },
  });
  for (const stage of STAGES) {
    await stack.setConfig("scalingo-migration:stage", { value: stage });
    if (stage === "prepare") {
      out.banner(`pulumi preview   (stage: ${stage}; nothing is written to Scalingo)`);
      await stack.preview({ onOutput: out.write, diff: false });
    }
    out.banner(`pulumi config set stage ${stage} && pulumi up`);
    const result = await stack.up({ onOutput: out.write });
    out.summarize(result.outputs);
  }
  const outputs = (await stack.outputs()) as OutputMap;
  const dns = (outputs.dnsChanges?.value ?? []) as { domain: string; type: string; target: string }[];
  out.banner("Migration done");
  out.say(`Your application is now available at: ${outputs.newAppUrl?.value}`);
  out.say(`Point your git remote at the new region:\n    git remote set-url scalingo ${outputs.gitUrl?.value}`);
  if (dns.length) {
    out.say("You need to make the following changes to your DNS records:");
    for (const change of dns) out.say(`    - ${change.type} record of ${change.domain} should be changed to ${change.target}`);
    out.say(`The old region redirects traffic until ${outputs.redirectExpiresAt?.value}; update DNS before then.`);
  }
  return outputs;
}

async function abortSecondApp(simulator: Simulator, env: Record<string, string>, stacks: LocalStack[], out: DemoOutput): Promise<void> {
  const local = await newLocalStack({ program: async () => migrationFromConfig(), env, stackName: "abort-demo" });
  stacks.push(local);
  const { stack } = local;
  await stack.setAllConfig({
    "scalingo-migration:app": { value: "my-app-2" },
    "scalingo-migration:destinationRegion": { value: "osc-secnum-fr1" },
    "scalingo-migration:engine": { value: "server" },
    "scalingo-migration:stage": { value: "prepare" },
  });
  out.banner("Second app: my-app-2 to stage prepare, then abort it");
  out.summarize((await stack.up({ onOutput: out.write })).outputs);
  out.banner("pulumi destroy   (= scalingo migration-abort)");
  await stack.destroy({ onOutput: out.write });
  const source = simulator.app("osc-fr1", "my-app-2");
  const leftover = simulator.app("osc-secnum-fr1", "my-app-2");
  out.say(`my-app-2 on osc-fr1: ${source?.status ?? "missing"}; on osc-secnum-fr1: ${leftover ? "still there!" : "deleted"}`);
  out.say("Rehearse your own: npx scalingo-simulator, then the commands in README.md.");
}
