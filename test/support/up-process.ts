/**
 * `pulumi up` of the root program in a process of its own, so a test can kill it (-9) the way
 * a crash would. Usage: node up-process.js '<json: {dir, stackName, projectName, env, config}>'
 */
import { migrationFromConfig } from "../../program/migration-from-config";
import { newLocalStack } from "../../scripts/support/local-engine";

interface Job {
  dir: string;
  stackName: string;
  projectName: string;
  env: Record<string, string>;
  config: Record<string, string>;
}

async function main(job: Job): Promise<void> {
  const { stack } = await newLocalStack({ program: async () => migrationFromConfig(), dir: job.dir, stackName: job.stackName, projectName: job.projectName, env: job.env });
  await stack.setAllConfig(Object.fromEntries(Object.entries(job.config).map(([k, v]) => [`${job.projectName}:${k}`, { value: v }])));
  await stack.up({ onOutput: (text) => process.stdout.write(text) });
  process.stdout.write("\nUP-PROCESS-DONE\n");
}

main(JSON.parse(process.argv[2]!) as Job).catch((error: unknown) => {
  process.stdout.write(`\nUP-PROCESS-FAILED ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
