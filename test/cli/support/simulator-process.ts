import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";
import { REPO } from "../../../scripts/support/local-engine";

export interface LoggedRequest {
  method: string;
  path: string;
  status: number;
}

/**
 * The simulator as the README starts it (`npx scalingo-simulator`), in a process of its own,
 * seen from outside through its admin API only: what a user's shell would have.
 */
export interface SimulatorProcess {
  readonly authUrl: string;
  requests(): Promise<LoggedRequest[]>;
  admin(method: "GET" | "POST" | "DELETE", path: string, body?: unknown): Promise<unknown>;
  stop(): Promise<void>;
}

export async function startSimulatorProcess(args: readonly string[] = []): Promise<SimulatorProcess> {
  const child = spawn("npx", ["--no-install", "scalingo-simulator", "--port", "0", "--quiet", ...args], {
    cwd: REPO,
    detached: true, // npx runs the bin through a shell: stop the whole group.
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const authUrl = await firstUrl(child, () => stderr);
  const admin = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${authUrl}/_simulator/${path}`, {
      method,
      headers: body === undefined ? {} : { "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`simulator admin ${method} ${path}: ${response.status} ${await response.text()}`);
    return response.status === 204 ? undefined : response.json();
  };
  return {
    authUrl,
    admin,
    requests: async () => ((await admin("GET", "requests")) as { requests: LoggedRequest[] }).requests,
    stop: () => stopGroup(child),
  };
}

function firstUrl(child: ChildProcess, stderr: () => string): Promise<string> {
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once("line", (line) => {
      const match = /^SCALINGO_AUTH_URL=(\S+)$/.exec(line);
      if (match) resolve(match[1]!);
      else reject(new Error(`scalingo-simulator's first line was not its URL: ${line}`));
    });
    child.once("exit", (code) => reject(new Error(`scalingo-simulator exited (${code}) before serving: ${stderr()}`)));
  });
}

function stopGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  process.kill(-child.pid!, "SIGTERM");
  return exited;
}
