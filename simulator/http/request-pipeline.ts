import type { IncomingMessage, ServerResponse } from "node:http";
import { setTimeout as delay } from "node:timers/promises";
import type { SimulatorCore } from "../core";
import type { Region } from "../world/types";
import { errorToResponse, HttpError, json, text, type ApiResponse } from "./api-response";
import { authenticate } from "./authenticate";
import { readBody, type IncomingCall } from "./incoming-call";
import type { RequestLogEntry } from "./request-log";
import { responseText } from "./write-response";
import { Router } from "./router";
import { adminRoutes } from "./routes/admin-routes";
import { addAppRoutes } from "./routes/app-routes";
import { authServiceRoutes } from "./routes/auth-service-routes";
import { addMigrationRoutes } from "./routes/migration-routes";
import { addPublicApiRoutes } from "./routes/public/public-api-routes";
import { addStorageRoutes } from "./routes/public/storage-routes";
import { writeResponse } from "./write-response";

const ADMIN_PREFIX = "/_simulator";

/** Which service a path belongs to: a region API (`/<region>/v1/…`) or the auth service (`/v1/…`). */
interface Scope {
  region: Region | null;
  path: string;
}

type LoggedRequest = Pick<RequestLogEntry, "method" | "path" | "region" | "time"> & {
  startedMs: number;
  /** For the full capture: the request as sent, its body once read. */
  req: IncomingMessage;
  body?: Buffer;
};

/**
 * Every request goes through here: faults first (they stand for the network and the front
 * proxy), then authentication, the rate limit and the route, then the request log.
 */
export class RequestPipeline {
  private readonly authService = addStorageRoutes(authServiceRoutes());
  private readonly regionApi = addPublicApiRoutes(addMigrationRoutes(addAppRoutes(new Router())));
  private readonly admin = adminRoutes();

  constructor(
    private readonly core: SimulatorCore,
    private readonly publicUrl: () => string,
    private readonly log: (line: string) => void,
  ) {}

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const startedMs = Date.now();
    const method = (req.method ?? "GET").toUpperCase();
    // A bare trailing `?` (Go clients) simply parses as an empty query. Concatenating (rather
    // than resolving against a base) keeps a path such as `//x` from being read as a host.
    const url = new URL(`http://simulator.invalid${req.url?.startsWith("/") ? req.url : "/"}`);
    const pathname = url.pathname.replace(/\/+$/, "") || "/";
    if (pathname === ADMIN_PREFIX || pathname.startsWith(`${ADMIN_PREFIX}/`)) {
      return this.handleAdmin(req, res, method, pathname, url.searchParams);
    }
    const scope = this.scopeOf(pathname);
    const logged: LoggedRequest = { method, path: scope.path, region: scope.region?.name ?? null, time: new Date(startedMs).toISOString(), startedMs, req };

    const decision = this.core.faults.decide({ method, path: scope.path, region: logged.region });
    if (decision.latencyMs > 0) await delay(decision.latencyMs, undefined, { ref: false });
    if (decision.drop === "before") {
      req.socket.destroy();
      return this.record(logged, { status: 0 }, "drop-before");
    }
    if (decision.error && !decision.error.processFirst) {
      return this.answer(res, logged, decision.error.response, "error");
    }

    const response = await this.dispatch(req, scope, method, url.searchParams, logged);
    if (method !== "GET") this.core.changed();
    if (decision.drop === "after") {
      req.socket.destroy();
      return this.record(logged, { status: response.status }, "drop-after");
    }
    const sent = decision.error ? decision.error.response : response;
    this.answer(res, logged, sent, decision.error ? "error" : decision.latencyMs > 0 ? "latency" : undefined);
  }

  private answer(res: ServerResponse, logged: LoggedRequest, response: ApiResponse, fault: RequestLogEntry["fault"]): void {
    // A client that timed out has closed its connection by now: nobody reads this answer.
    const abandoned = res.destroyed;
    writeResponse(res, response);
    this.record(logged, { status: response.status, response, abandoned }, fault);
  }

  private scopeOf(pathname: string): Scope {
    const [, first, ...rest] = pathname.split("/");
    const region = first ? this.core.world.region(first) : undefined;
    return region ? { region, path: `/${rest.join("/")}` } : { region: null, path: pathname };
  }

  private async dispatch(req: IncomingMessage, scope: Scope, method: string, query: URLSearchParams, logged: LoggedRequest): Promise<ApiResponse> {
    try {
      logged.body = await readBody(req);
      const call: IncomingCall = { method, path: scope.path, query, headers: req.headers, rawBody: logged.body };
      // Asynchronous jobs (operations, backups, deployments, …) advance before the request sees the world.
      this.core.settle();
      const match = (scope.region ? this.regionApi : this.authService).match(method, scope.path);
      if (match === undefined) return json(404, { error: "not found" });
      if (match === "method-not-allowed") return json(405, { error: "method not allowed" });
      const account = await authenticate(match.route.auth, req.headers, this.core);
      if (account && !this.core.rateLimiter.tryTake(account.id)) return text(429, "Retry later");
      return await match.route.handler({ call, params: match.params, account, region: scope.region, core: this.core, publicUrl: this.publicUrl() });
    } catch (error) {
      return this.toResponse(error);
    }
  }

  private async handleAdmin(
    req: IncomingMessage,
    res: ServerResponse,
    method: string,
    path: string,
    query: URLSearchParams,
  ): Promise<void> {
    if (!isLoopback(req.socket.remoteAddress)) {
      return writeResponse(res, json(403, { error: "the /_simulator/ routes answer loopback clients only" }));
    }
    let response: ApiResponse;
    try {
      const call: IncomingCall = { method, path, query, headers: req.headers, rawBody: await readBody(req) };
      const match = this.admin.match(method, path);
      if (match === undefined) response = json(404, { error: "not found" });
      else if (match === "method-not-allowed") response = json(405, { error: "method not allowed" });
      else {
        this.core.settle();
        response = await match.route.handler({ call, params: match.params, account: null, region: null, core: this.core, publicUrl: this.publicUrl() });
      }
    } catch (error) {
      response = this.toResponse(error);
    }
    writeResponse(res, response);
  }

  private toResponse(error: unknown): ApiResponse {
    const response = errorToResponse(error);
    if (response.status === 500 && !(error instanceof HttpError)) {
      this.log(`internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
    return response;
  }

  private record(logged: LoggedRequest, outcome: { status: number; response?: ApiResponse; abandoned?: boolean }, fault: RequestLogEntry["fault"]): void {
    const { startedMs, req, body, ...entry } = logged;
    const { status, response, abandoned } = outcome;
    const durationMs = Date.now() - startedMs;
    this.core.requestLog.add({ ...entry, status, durationMs, ...(fault ? { fault } : {}), ...(abandoned ? { abandoned: true as const } : {}) });
    this.core.requestCapture?.add({
      method: entry.method,
      url: req.url ?? "",
      headers: { ...req.headers },
      body: body?.toString("utf8") ?? "",
      status,
      responseBody: response ? responseText(response) : "",
    });
    const where = entry.region ? `/${entry.region}${entry.path}` : entry.path;
    const notes = [fault ? `fault: ${fault}` : "", abandoned ? "client gone" : ""].filter(Boolean).join(", ");
    this.log(`${entry.method} ${where} → ${status === 0 ? "dropped" : status} (${durationMs} ms${notes ? `, ${notes}` : ""})`);
  }
}

function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  return address === "::1" || /^(::ffff:)?127\./.test(address);
}
