import { STATUS_CODES } from "node:http";
import { INTERNAL_ERROR_BODY, json, text, type ApiResponse } from "./api-response";

/**
 * A misbehaviour to inject on matching requests. Every field is optional; a rule with no
 * matcher matches every request. When several rules fire on one request their latencies add
 * up and the first drop or error wins.
 */
export interface FaultRule {
  /** HTTP method, any case. */
  method?: string;
  /**
   * Path inside the service, without region prefix: a glob where `*` is one segment and `**`
   * anything (`/v1/apps/*\/region_migrations/*\/run`), or a regular expression (a RegExp, or a
   * string starting with `^`).
   */
  path?: string | RegExp;
  /** Region name; null means the auth service; absent means anywhere. */
  region?: string | null;
  /** Chance (0–1) that a matching request is hit; default 1. */
  rate?: number;
  /** The rule retires after hitting this many requests; unlimited when absent. */
  count?: number;
  /** Delay before the request is handled. */
  latencyMs?: number;
  /** Answer this status instead of the real answer. */
  status?: number;
  /** Body of that answer: an object is sent as JSON, a string as HTML if it starts with `<`, else plain text. */
  body?: string | object;
  /** Handle the request first (its effects happen), then answer `status` anyway. */
  processFirst?: boolean;
  /** Destroy the connection before handling the request, or after handling it without answering. */
  drop?: "before" | "after";
}

export interface FaultDecision {
  latencyMs: number;
  drop?: "before" | "after";
  error?: { response: ApiResponse; processFirst: boolean };
}

export interface FaultTarget {
  method: string;
  path: string;
  region: string | null;
}

interface ActiveRule {
  rule: FaultRule;
  pathPattern: RegExp | undefined;
  remaining: number | undefined;
}

export class FaultInjector {
  private rules: ActiveRule[] = [];

  set(rules: FaultRule[]): void {
    this.rules = rules.map((rule) => ({ rule: { ...rule }, pathPattern: compilePath(rule.path), remaining: rule.count }));
  }

  clear(): void {
    this.rules = [];
  }

  /** The active rules, `count` showing how many hits each has left. */
  list(): FaultRule[] {
    return this.rules.map(({ rule, remaining }) => ({
      ...rule,
      path: rule.path instanceof RegExp ? `^${rule.path.source.replace(/^\^/, "")}` : rule.path,
      ...(remaining === undefined ? {} : { count: remaining }),
    }));
  }

  decide(target: FaultTarget): FaultDecision {
    const decision: FaultDecision = { latencyMs: 0 };
    for (const active of this.firingRules(target)) {
      const { rule } = active;
      decision.latencyMs += rule.latencyMs ?? 0;
      if (decision.drop || decision.error) continue;
      if (rule.drop) decision.drop = rule.drop;
      else if (rule.status !== undefined) {
        decision.error = { response: faultResponse(rule.status, rule.body), processFirst: rule.processFirst ?? false };
      }
    }
    return decision;
  }

  private firingRules(target: FaultTarget): ActiveRule[] {
    const firing = this.rules.filter((active) => matches(active, target) && Math.random() < (active.rule.rate ?? 1));
    for (const active of firing) {
      if (active.remaining !== undefined) active.remaining -= 1;
    }
    this.rules = this.rules.filter((active) => active.remaining === undefined || active.remaining > 0);
    return firing;
  }
}

function matches(active: ActiveRule, target: FaultTarget): boolean {
  const { rule } = active;
  if (rule.method !== undefined && rule.method.toUpperCase() !== target.method.toUpperCase()) return false;
  if (rule.region !== undefined && rule.region !== target.region) return false;
  return active.pathPattern === undefined || active.pathPattern.test(target.path);
}

export function compilePath(path: string | RegExp | undefined): RegExp | undefined {
  if (path === undefined) return undefined;
  if (path instanceof RegExp) return path;
  if (path.startsWith("^")) return new RegExp(path);
  const source = path
    .split(/(\*\*|\*)/)
    .map((part) => (part === "**" ? ".*" : part === "*" ? "[^/]+" : part.replace(/[.+?^${}()|[\]\\]/g, "\\$&")))
    .join("");
  return new RegExp(`^${source}/?$`);
}

function faultResponse(status: number, body: string | object | undefined): ApiResponse {
  if (body === undefined) return defaultFaultResponse(status);
  if (typeof body !== "string") return json(status, body);
  return text(status, body, body.trimStart().startsWith("<") ? "text/html" : "text/plain");
}

/** What Scalingo's API (500) or its front proxy (502–504) would answer. */
function defaultFaultResponse(status: number): ApiResponse {
  if (status === 502 || status === 503 || status === 504) {
    const title = `${status} ${STATUS_CODES[status] ?? ""}`.trim();
    return text(status, `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`, "text/html");
  }
  if (status >= 500) return json(status, INTERNAL_ERROR_BODY);
  return json(status, { error: "simulated fault" });
}
