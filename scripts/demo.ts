/**
 * `npm run demo [-- --engine client|server]`: a whole region migration, rehearsed on this
 * machine against the embedded Scalingo simulator, on the real Pulumi engine.
 *  - `client` (default): the client engine moves shop-app (addons with data, domains,
 *    variables, collaborators, notifiers, log drains, an autoscaler) through the public API,
 *    stage by stage, and ends with what was copied and the checklist of what is left by hand.
 *  - `server`: Scalingo's retired region-migration API (as the simulator serves it) moves
 *    my-app, then aborts my-app-2 with `pulumi destroy`.
 * Leaves no process and no folder behind (also on Ctrl-C).
 */
import { parseArgs } from "node:util";
import { runDemo, type DemoEngine } from "./demo/run-demo";

const USAGE = "usage: npm run demo -- [--engine client|server]   (default: client)";

function engineFrom(argv: string[]): DemoEngine {
  try {
    const { values } = parseArgs({ args: argv, options: { engine: { type: "string", default: "client" }, help: { type: "boolean" } }, strict: true, allowPositionals: false });
    if (values.help) {
      console.log(USAGE);
      process.exit(0);
    }
    if (values.engine === "client" || values.engine === "server") return values.engine;
    throw new Error(`--engine must be client or server, got '${values.engine}'`);
  } catch (error) {
    process.stderr.write(`demo: ${(error as Error).message}\n${USAGE}\n`);
    process.exit(2);
  }
}

const engine = engineFrom(process.argv.slice(2));
runDemo({ engine, write: (text) => process.stdout.write(text), color: process.stdout.isTTY }).catch((error: unknown) => {
    process.stderr.write(`demo failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
