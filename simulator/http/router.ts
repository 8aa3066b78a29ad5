import type { SimulatorCore } from "../core";
import type { Account, Region } from "../world/types";
import type { ApiResponse } from "./api-response";
import type { IncomingCall } from "./incoming-call";

/**
 * How a route authenticates its caller: the API token in HTTP Basic (token exchange), a
 * bearer JWT (region APIs), an optional bearer (region list), an addon token or user bearer
 * (Database API), or nothing (admin, pre-signed URLs).
 */
export type AuthMode = "none" | "api-token" | "bearer" | "optional-bearer" | "database";

export interface RouteContext {
  call: IncomingCall;
  params: Record<string, string>;
  /** The authenticated caller; always set on "api-token" and "bearer" routes. */
  account: Account | null;
  /** The region whose API was called; null on the auth service and admin routes. */
  region: Region | null;
  core: SimulatorCore;
  /** `http://127.0.0.1:<port>`, for URLs the answers carry. */
  publicUrl: string;
}

export type RouteHandler = (ctx: RouteContext) => ApiResponse | Promise<ApiResponse>;

export interface Route {
  method: string;
  auth: AuthMode;
  handler: RouteHandler;
  segments: string[];
}

export type RouteMatch = { route: Route; params: Record<string, string> } | "method-not-allowed" | undefined;

/** Matches `/v1/apps/:app/…` patterns segment by segment. */
export class Router {
  private readonly routes: Route[] = [];

  add(method: string, pattern: string, auth: AuthMode, handler: RouteHandler): this {
    this.routes.push({ method, auth, handler, segments: splitPath(pattern) });
    return this;
  }

  match(method: string, path: string): RouteMatch {
    const segments = splitPath(path);
    let pathKnown = false;
    for (const route of this.routes) {
      const params = matchSegments(route.segments, segments);
      if (!params) continue;
      if (route.method === method) return { route, params };
      pathKnown = true;
    }
    return pathKnown ? "method-not-allowed" : undefined;
  }
}

function splitPath(path: string): string[] {
  return path.split("/").filter((s) => s !== "");
}

function matchSegments(pattern: string[], actual: string[]): Record<string, string> | undefined {
  if (pattern.length !== actual.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    if (pattern[i].startsWith(":")) {
      try {
        params[pattern[i].slice(1)] = decodeURIComponent(actual[i]);
      } catch {
        return undefined;
      }
    } else if (pattern[i] !== actual[i]) {
      return undefined;
    }
  }
  return params;
}

/** The caller of a route whose auth mode guarantees one. */
export function caller(ctx: RouteContext): Account {
  if (!ctx.account) throw new Error("route reached without an authenticated caller");
  return ctx.account;
}

export function calledRegion(ctx: RouteContext): Region {
  if (!ctx.region) throw new Error("region route reached without a region");
  return ctx.region;
}
