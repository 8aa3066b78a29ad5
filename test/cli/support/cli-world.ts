import { requireEngine } from "../../support/pulumi-engine";
import type { CliProject } from "./cli-project";
import { startSimulatorProcess, type SimulatorProcess } from "./simulator-process";

export interface CliWorld {
  /** A simulator process for this test (stopped after it). */
  startSimulator(args?: readonly string[]): Promise<SimulatorProcess>;
  /** Registers a project so its folder and stack files go away after the test. */
  track<T extends CliProject>(project: T): T;
}

/**
 * The hooks every CLI suite needs: skip (loudly, never in CI) without a Pulumi CLI, and after
 * each test, every project removed and the simulator stopped.
 */
export function cliWorld(): CliWorld {
  let simulator: SimulatorProcess | undefined;
  const projects: CliProject[] = [];
  before(function () {
    requireEngine(this);
  });
  afterEach(async () => {
    for (const project of projects.splice(0)) project.remove();
    await simulator?.stop();
    simulator = undefined;
  });
  return {
    async startSimulator(args = ["--rate-limit", "0"]) {
      simulator = await startSimulatorProcess(args);
      return simulator;
    },
    track(project) {
      projects.push(project);
      return project;
    },
  };
}
