import type { OutputMap } from "@pulumi/pulumi/automation";
import { migrationFromConfig } from "../../program/migration-from-config";
import type { Simulator } from "../../simulator";
import { newLocalStack, type LocalStack } from "../support/local-engine";
import { checklistLines, copiedLines, type DemoOutput } from "./output";

const APP = "shop-app";
const SOURCE = "osc-fr1";
const DESTINATION = "osc-secnum-fr1";
const STAGES = ["create", "prepare", "data", "finalize"] as const;

/**
 * The client engine on shop-app (PostgreSQL with records and Redis, two domains, variables
 * with aliases, collaborators, a notifier and its alert, log drains, an autoscaler): each
 * stage with `pulumi config set stage … && pulumi up`, the provider's progress lines as they
 * come, a preview before prepare, and at the end what was copied and what is left by hand.
 */
export async function clientDemo(simulator: Simulator, env: Record<string, string>, stacks: LocalStack[], out: DemoOutput): Promise<OutputMap> {
  const local = await newLocalStack({ program: async () => migrationFromConfig(), env, stackName: "client-demo" });
  stacks.push(local);
  const { stack } = local;
  await stack.setAllConfig({
    "scalingo-migration:app": { value: APP },
    "scalingo-migration:destinationRegion": { value: DESTINATION },
    "scalingo-migration:engine": { value: "client" },
  });
  const source = simulator.app(SOURCE, APP)!;
  out.say(
    `${APP} on ${SOURCE}: ${source.addons.map((a) => a.provider_id).join(" + ")}, ${source.domains.length} domains, ${Object.keys(source.env).length} variables, ` +
      `${source.collaborators.length} collaborators, ${source.notifiers.length} notifier(s), ${source.alerts.length} alerts, ${source.log_drains.length} log drain(s), ` +
      `${source.autoscalers.length} autoscaler(s), formation ${source.formation.map((f) => `${f.name}×${f.amount}`).join(" ")}`,
  );
  for (const stage of STAGES) {
    await stack.setConfig("scalingo-migration:stage", { value: stage });
    if (stage === "prepare") {
      out.banner(`pulumi preview   (stage: ${stage}; reads only, nothing is written to Scalingo)`);
      await stack.preview({ onOutput: out.write, diff: false });
    }
    out.banner(`pulumi config set stage ${stage} && pulumi up`);
    const result = await stack.up({ onOutput: out.write });
    out.summarize(result.outputs);
    afterStage(simulator, stage, out);
  }
  const outputs = (await stack.outputs()) as OutputMap;
  out.banner("Migration done (client engine)");
  out.say(`The new app: ${outputs.newAppUrl?.value}   git remote: ${outputs.gitUrl?.value}`);
  out.say("Nothing redirects traffic between regions any more (redirectExpiresAt: null): point DNS at the new app yourself.");
  out.banner("What was copied (output `copied`)");
  for (const line of copiedLines((outputs.copied?.value ?? {}) as Parameters<typeof copiedLines>[0])) out.say(line);
  out.banner("What is left for you to do (output `manualActions`)");
  for (const line of checklistLines((outputs.manualActions?.value ?? []) as Parameters<typeof checklistLines>[0])) out.say(line);
  return outputs;
}

/** What a person would check on Scalingo after each stage, read from the simulator's admin view. */
function afterStage(simulator: Simulator, stage: (typeof STAGES)[number], out: DemoOutput): void {
  const src = simulator.app(SOURCE, APP)!;
  const dst = simulator.app(DESTINATION, APP);
  const formation = (app: NonNullable<typeof dst>) => app.formation.map((f) => `${f.name}×${f.amount}`).join(" ") || "none yet";
  if (stage === "create") {
    out.say(`on Scalingo: nothing written; ${APP} on ${DESTINATION}: ${dst ? "exists!" : "not created yet"}`);
    return;
  }
  if (!dst) return;
  out.say(
    `on Scalingo: ${APP} on ${DESTINATION} has ${dst.addons.map((a) => `${a.provider_id} (${a.status})`).join(", ")}, ${dst.domains.length} domains, ` +
      `${Object.keys(dst.env).length} variables, ${dst.collaborators.length} invitation(s), ${dst.notifiers.length} notifiers, ${dst.log_drains.length + dst.addons.reduce((n, a) => n + a.log_drains.length, 0)} log drains, ` +
      `${dst.deployments.length} deployment(s), formation ${formation(dst)}; source formation ${formation(src)}, auto-deploy ${src.scm?.auto_deploy_enabled ? "on" : "off"}`,
  );
  if (stage === "data") {
    const from = simulator.database(SOURCE, APP, "postgresql");
    const to = simulator.database(DESTINATION, APP, "postgresql");
    out.say(`PostgreSQL: ${from.documents.length} records on ${SOURCE}, ${to.documents.length} on ${DESTINATION}; digests ${from.digest === to.digest ? "equal" : "DIFFER"}`);
  }
}
