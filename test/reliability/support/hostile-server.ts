import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface ReceivedRequest {
  method: string;
  path: string;
  /** The Host header: which host the client believed it was talking to. */
  host: string;
  authorization: "none" | "basic" | "bearer";
}

export interface Answer {
  status: number;
  /** An object is sent as JSON; a string or Buffer as is. */
  body?: string | object | Buffer;
  headers?: Record<string, string>;
  /** Send `{` then one space every `trickleMs`, never finishing (a stalled proxy). */
  trickleMs?: number;
}

export interface HostileServerOptions {
  /** The API URL listed for each region, given this server's base URL. Default: `<base>/<region>`. */
  regionApi?: (base: string, region: string) => string;
  /** The answer to every call that is neither the token exchange nor the region list. */
  answer?: (request: ReceivedRequest, authorizationHeader: string) => Answer;
  /** The answer to the token exchange; default a JWT-shaped bearer valid an hour. */
  exchange?: (bearer: string, authorizationHeader: string) => Answer;
}

export interface HostileServer {
  url: string;
  requests: ReceivedRequest[];
  /** Every bearer this server handed out, to scan for afterwards. */
  bearers: string[];
  close(): Promise<void>;
}

/**
 * A tiny stand-in for Scalingo on 127.0.0.1 that speaks just enough of the contract (token
 * exchange, region list) for the client to reach the region API, where it answers whatever a
 * test wants: broken JSON, wrong types, HTML pages, endless bodies, echoed credentials.
 */
export async function startHostileServer(options: HostileServerOptions = {}): Promise<HostileServer> {
  const requests: ReceivedRequest[] = [];
  const bearers: string[] = [];
  let base = "";
  const server = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      const received = describe(req);
      requests.push(received);
      const authorization = req.headers.authorization ?? "";
      if (received.path === "/v1/tokens/exchange") {
        const bearer = fakeJwt();
        bearers.push(bearer);
        return send(res, options.exchange?.(bearer, authorization) ?? { status: 200, body: { token: bearer } });
      }
      if (received.path === "/v1/regions") {
        const api = options.regionApi ?? ((b: string, region: string) => `${b}/${region}`);
        return send(res, {
          status: 200,
          body: { regions: ["osc-fr1", "osc-secnum-fr1"].map((name, i) => ({ name, display_name: name, api: api(base, name), default: i === 0 })) },
        });
      }
      send(res, options.answer?.(received, authorization) ?? { status: 404, body: { error: "not found" } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    requests,
    bearers,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function describe(req: IncomingMessage): ReceivedRequest {
  const auth = req.headers.authorization ?? "";
  return {
    method: req.method ?? "GET",
    path: new URL(req.url ?? "/", "http://x").pathname,
    host: req.headers.host ?? "",
    authorization: auth.startsWith("Bearer ") ? "bearer" : auth.startsWith("Basic ") ? "basic" : "none",
  };
}

function send(res: ServerResponse, answer: Answer): void {
  const body = answer.body;
  const isJson = body !== undefined && typeof body === "object" && !Buffer.isBuffer(body);
  const headers = { "content-type": isJson ? "application/json" : "text/plain", ...answer.headers };
  if (answer.trickleMs) {
    res.writeHead(answer.status, headers);
    res.write("{");
    const timer = setInterval(() => res.write(" "), answer.trickleMs);
    res.on("close", () => clearInterval(timer));
    return;
  }
  res.writeHead(answer.status, headers);
  res.end(body === undefined ? "" : isJson ? JSON.stringify(body) : body);
}

/** JWT-shaped (header.payload.signature, base64url) with a readable `exp`, unsigned. */
export function fakeJwt(lifetimeSeconds = 3_600): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const now = Math.floor(Date.now() / 1000);
  return `${part({ alg: "HS256", typ: "JWT" })}.${part({ iat: now, exp: now + lifetimeSeconds, jti: Math.random().toString(36).slice(2) })}.c2lnbmF0dXJlLW5vdC1jaGVja2Vk`;
}
