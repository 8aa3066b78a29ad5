/**
 * Runs a Pulumi program under Pulumi's mocks and prints, as JSON, every resource it declared
 * with its inputs and dependencies. In a process of its own: mocks are process-wide state.
 */
import * as pulumi from "@pulumi/pulumi";

interface Declared {
  name: string;
  type: string;
  inputs: Record<string, unknown>;
  dependencies: string[];
}

const declared: Declared[] = [];

async function main(program: string): Promise<void> {
  await pulumi.runtime.setMocks(
    {
      newResource: (args) => {
        const outputs = { ...args.inputs, migrationId: `mock-migration-${args.name}`, newAppId: `mock-app-${args.name}`, srcAppName: args.inputs.app ?? "" };
        return { id: `${args.name}-id`, state: outputs };
      },
      call: (args) => args.inputs,
    },
    "mock-project",
    "mock-stack",
    false,
  );
  const monitor = (pulumi.runtime as unknown as { getMonitor(): { registerResource: (req: unknown, cb: unknown) => void } }).getMonitor();
  const register = monitor.registerResource.bind(monitor);
  monitor.registerResource = (req: unknown, callback: unknown) => {
    const r = req as { getName(): string; getType(): string; getObject(): { toJavaScript(): Record<string, unknown> }; getDependenciesList(): string[] };
    declared.push({ name: r.getName(), type: r.getType(), inputs: stripProvider(r.getObject().toJavaScript()), dependencies: r.getDependenciesList() });
    return register(req, callback);
  };
  require(program);
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  process.stdout.write(JSON.stringify(declared));
}

function stripProvider(inputs: Record<string, unknown>): Record<string, unknown> {
  const { __provider: _dropped, ...rest } = inputs;
  return rest;
}

main(process.argv[2]!).catch((error: unknown) => {
  process.stderr.write(String(error));
  process.exitCode = 1;
});
