import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";

/**
 * A throwaway `redis-server` (Debian's package) for the shared-budget tests and benchmark: on
 * a free loopback port, in a temporary folder, saving nothing. Stopped (and restartable on the
 * same port) by whoever started it; nothing is left running.
 */
export interface RedisServer {
  readonly url: string;
  readonly port: number;
  /** SIGKILL, as a crash: clients see the connection drop. */
  kill(): Promise<void>;
  /** Starts it again on the same port, empty. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/** The redis-server binary, or null when it is not installed. */
export function locateRedisServer(): string | null {
  try {
    return execFileSync("sh", ["-c", "command -v redis-server"], { encoding: "utf8" }).trim() || null;
  } catch {
    return null;
  }
}

export async function startRedisServer(): Promise<RedisServer> {
  const binary = locateRedisServer();
  if (!binary) throw new Error("no redis-server on PATH (Debian: apt-get install redis-server)");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "scalingo-redis-"));
  const port = await freePort();
  let child: ChildProcess | undefined = await launch(binary, port, dir);
  const halt = async (signal: NodeJS.Signals) => {
    if (!child) return;
    const exiting = child;
    child = undefined;
    if (exiting.exitCode !== null || exiting.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => exiting.once("exit", () => resolve()));
    exiting.kill(signal);
    await exited;
  };
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    kill: () => halt("SIGKILL"),
    restart: async () => {
      await halt("SIGKILL");
      child = await launch(binary, port, dir);
    },
    stop: async () => {
      await halt("SIGTERM");
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

function launch(binary: string, port: number, dir: string): Promise<ChildProcess> {
  const child = spawn(binary, ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir], {
    cwd: dir,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const collect = (chunk: Buffer) => (output += chunk.toString());
  child.stdout!.on("data", collect);
  child.stderr!.on("data", collect);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`redis-server did not start on port ${port}:\n${output}`));
    }, 10_000);
    const early = (code: number | null) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited (${code}) before serving:\n${output}`));
    };
    child.once("exit", early);
    const ready = () => {
      if (!/Ready to accept connections/.test(output)) return;
      clearTimeout(timer);
      child.off("exit", early);
      child.stdout!.off("data", ready);
      resolve(child);
    };
    child.stdout!.on("data", ready);
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
