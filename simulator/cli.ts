#!/usr/bin/env node
import { CliUsageError, parseCliArgs, USAGE } from "./cli-args";
import { startSimulator, type Simulator } from "./index";
import { StateFileError } from "./state-file";
import { FixturesError } from "./world/build-world";

/**
 * `scalingo-simulator`: the first stdout line is exactly `SCALINGO_AUTH_URL=<url>` so scripts can
 * read it; then human lines until SIGTERM or SIGINT, when it saves state and exits 0.
 */
async function main(): Promise<void> {
  const settings = parseCliArgs(process.argv.slice(2));
  if (settings.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const print = (line: string) => process.stdout.write(`${line}\n`);
  const simulator = await startSimulator({ ...settings.options, log: settings.quiet ? undefined : print });
  print(`SCALINGO_AUTH_URL=${simulator.authUrl}`);
  if (!settings.quiet) describe(simulator, settings.options.statePath, print);
  stopOnSignals(simulator, print);
}

function describe(simulator: Simulator, statePath: string | undefined, print: (line: string) => void): void {
  print("Scalingo simulator ready.");
  print(`  auth service  ${simulator.authUrl}`);
  for (const region of ["osc-fr1", "osc-secnum-fr1"]) {
    try {
      print(`  region API    ${simulator.regionApiUrl(region)}`);
    } catch {
      // A fixtures world may not have this region.
    }
  }
  print(`  admin         ${simulator.authUrl}/_simulator/ (see simulator/README.md)`);
  if (statePath) print(`  state file    ${statePath}`);
  print("Set SCALINGO_API_TOKEN to a token of the fixtures (the default world's is in simulator/README.md).");
}

function stopOnSignals(simulator: Simulator, print: (line: string) => void): void {
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    print(`${signal} received, stopping.`);
    simulator.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`scalingo-simulator: could not stop cleanly: ${(error as Error).message}\n`);
        process.exit(1);
      },
    );
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}

main().catch((error: unknown) => {
  const usage = error instanceof CliUsageError || error instanceof FixturesError || error instanceof StateFileError;
  process.stderr.write(`scalingo-simulator: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(usage ? 2 : 1);
});
