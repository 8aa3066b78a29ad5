import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { SimulatorCore } from "../core";
import { RequestPipeline } from "./request-pipeline";

export interface RunningServer {
  /** `http://127.0.0.1:<port>` (or the host given), what clients use as SCALINGO_AUTH_URL. */
  url: string;
  close(): Promise<void>;
}

/** One HTTP server for the auth service, every region API and the admin routes. */
export async function startServer(core: SimulatorCore, host: string, port: number, log: (line: string) => void): Promise<RunningServer> {
  let url = "";
  const pipeline = new RequestPipeline(core, () => url, log);
  const server = createServer((req, res) => {
    pipeline.handle(req, res).catch((error: unknown) => {
      log(`request failed: ${error instanceof Error ? error.message : String(error)}`);
      res.destroy();
    });
  });
  await listen(server, host, port);
  url = `http://${urlHost(host)}:${(server.address() as AddressInfo).port}`;
  return { url, close: () => closeServer(server) };
}

function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) return resolve();
    server.close(() => resolve());
    // Keep-alive connections would otherwise hold close() open.
    server.closeAllConnections();
  });
}

/** A wildcard listen address is reached through loopback; IPv6 literals need brackets. */
function urlHost(host: string): string {
  if (host === "0.0.0.0" || host === "") return "127.0.0.1";
  if (host === "::") return "[::1]";
  return host.includes(":") ? `[${host}]` : host;
}
