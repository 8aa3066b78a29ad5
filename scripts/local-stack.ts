/**
 * `npm run -s stack -- <command>`: the root Pulumi project (program/), run on this machine's
 * engine through the Automation API, with its state in .pulumi-local/ (a file backend). For
 * machines whose `pulumi` has no Node.js language host (ours: see README "Limits"); with a
 * full Pulumi install, plain `pulumi <command>` in the repository root does the same.
 *
 *   npm run -s stack -- config set stage prepare
 *   npm run -s stack -- preview | up | refresh | destroy | outputs
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { migrationFromConfig } from "../program/migration-from-config";
import { newLocalStack, REPO } from "./support/local-engine";

const PROJECT = "scalingo-migration";
const USAGE = "usage: npm run -s stack -- config set KEY VALUE | config get KEY | preview | up | refresh | destroy | outputs [--stack NAME]";

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({ options: { stack: { type: "string", default: "dev" } }, allowPositionals: true, strict: true });
  const [command, ...rest] = positionals;
  const dir = path.join(REPO, ".pulumi-local");
  fs.mkdirSync(dir, { recursive: true });
  const env = Object.fromEntries(
    ["SCALINGO_API_TOKEN", "SCALINGO_AUTH_URL", "SCALINGO_REGION", "SCALINGO_REQUESTS_PER_MINUTE"].flatMap((k) => (process.env[k] ? [[k, process.env[k]!]] : [])),
  );
  const { stack } = await newLocalStack({ program: async () => migrationFromConfig(), dir, projectName: PROJECT, stackName: values.stack, env });
  const show = (text: string) => process.stdout.write(text);
  switch (command) {
    case "config": {
      const [verb, key, value] = rest;
      const name = key?.includes(":") ? key : `${PROJECT}:${key}`;
      if (verb === "set" && key && value !== undefined) return void (await stack.setConfig(name, { value, secret: key === "scalingo:apiToken" }));
      if (verb === "get" && key) return void console.log((await stack.getConfig(name)).value);
      throw new Error(USAGE);
    }
    case "preview":
      return void (await stack.preview({ onOutput: show }));
    case "up":
      return void (await stack.up({ onOutput: show }));
    case "refresh":
      return void (await stack.refresh({ onOutput: show }));
    case "destroy":
      return void (await stack.destroy({ onOutput: show }));
    case "outputs":
      return void console.log(JSON.stringify(Object.fromEntries(Object.entries(await stack.outputs()).map(([k, v]) => [k, v.value])), null, 2));
    default:
      throw new Error(USAGE);
  }
}

main().catch((error: unknown) => {
  // The engine's own message already says what failed; keep its first lines.
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`${message.split("\n").slice(0, 40).join("\n")}\n`);
  process.exitCode = 1;
});
