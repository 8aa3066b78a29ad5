import type { AppSnapshot, CapturedRequest, FaultRule, RequestLogEntry, Simulator } from "../../../../simulator";
import { compilePath } from "../../../../simulator/http/faults";
import { DESTINATION, SOURCE } from "./world";

/** Destination objects the client engine creates, each of which must exist once. */
export const CREATED_KINDS = ["apps", "addons", "domains", "variables", "collaborators", "notifiers", "alerts", "logDrains", "autoscalers"] as const;
/** Things the client engine starts (a build, a backup, a restore one-off): each must be started once, unless the one before failed. */
export const STARTED_KINDS = ["deployments", "backups", "oneOffs"] as const;
export type DuplicateKind = (typeof CREATED_KINDS)[number] | (typeof STARTED_KINDS)[number];

/**
 * What was created twice, per kind, for one app moved by the client engine, read from the
 * simulator itself (its admin view of both apps, and its request log and capture for one-offs,
 * which the admin view does not list):
 *  - objects: two of the same identity on the destination (addon provider, domain name,
 *    variable name, collaborator e-mail, notifier name, alert rule, log-drain URL, autoscaler);
 *  - deployments and backups: more than one that did not fail (a failed one is replaced, as it must be);
 *  - restore one-offs: more than one started for the same backup, beyond the restores that failed.
 * Call it before an abort deletes the destination.
 */
export async function clientDuplicates(
  simulator: Simulator,
  app: string,
  { faults = [], failedRestores = 0 }: { faults?: readonly FaultRule[]; failedRestores?: number } = {},
): Promise<Record<DuplicateKind, number>> {
  const dst = simulator.app(DESTINATION, app);
  const src = simulator.app(SOURCE, app);
  const extra = (keys: readonly string[]) => keys.length - new Set(keys).size;
  // Every app of the world, whoever owns it (the admin view): a second one under the name would show here.
  const world = (await (await fetch(`${simulator.authUrl}/_simulator/state`)).json()) as { apps: { name: string; region: string }[] };
  const sameNameApps = world.apps.filter((a) => a.region === DESTINATION && a.name === app).length;
  return {
    apps: Math.max(0, sameNameApps - 1),
    addons: dst ? extra(dst.addons.map((a) => a.provider_id)) : 0,
    domains: dst ? extra(dst.domains.map((d) => d.name)) : 0,
    variables: dst ? extra(Object.keys(dst.env)) : 0,
    collaborators: dst ? extra(dst.collaborators.map((c) => c.email)) : 0,
    notifiers: dst ? extra(dst.notifiers.map((n) => n.name)) : 0,
    alerts: dst ? extra(dst.alerts.map((a) => `${a.container_type} ${a.metric} ${a.limit} ${a.autoscaler_id ?? ""}`)) : 0,
    logDrains: dst ? extra(dst.log_drains.map((l) => l.url)) + dst.addons.reduce((n, a) => n + extra(a.log_drains.map((l) => l.url)), 0) : 0,
    autoscalers: dst ? extra(dst.autoscalers.map((a) => `${a.container_type} ${a.metric}`)) : 0,
    deployments: dst ? Math.max(0, dst.deployments.filter((d) => !FAILED_DEPLOYMENT.includes(d.status)).length - 1) : 0,
    backups: src ? src.addons.reduce((n, a) => n + Math.max(0, a.backups.filter((b) => b.status !== "error").length - 1), 0) : 0,
    oneOffs: duplicateRestores(simulator, app, faults, failedRestores),
  };
}

const FAILED_DEPLOYMENT = ["build-error", "crashed", "timeout", "aborted", "hook-error"];

/**
 * Restore one-offs started on the destination per backup (the command names the backup in its
 * sentinel), beyond the first, minus the restores the scenario made fail on purpose (a scripted
 * failure, an expired URL): those must be started again. The request log
 * says whether a POST reached the server; the capture (same order) holds its body.
 */
function duplicateRestores(simulator: Simulator, app: string, faults: readonly FaultRule[], failedRestores: number): number {
  const entries = simulator.requests();
  const captured = simulator.capturedRequests();
  if (entries.length !== captured.length) throw new Error(`the request log (${entries.length}) and the capture (${captured.length}) differ: cannot pair them`);
  const started = new Map<string, number>();
  entries.forEach((entry, i) => {
    if (entry.method !== "POST" || entry.region !== DESTINATION || entry.path !== `/v1/apps/${app}/run` || !reachedServer(entry, faults)) return;
    const sentinel = /RESTORE-OK-[A-Za-z0-9-]+/.exec(captured[i]!.body)?.[0] ?? "(no sentinel)";
    started.set(sentinel, (started.get(sentinel) ?? 0) + 1);
  });
  const beyondOne = [...started.values()].reduce((n, count) => n + count - 1, 0);
  return Math.max(0, beyondOne - failedRestores);
}

/**
 * Whether a logged request reached the route's handler: answered without a fault, or its
 * answer lost after handling (dropped after, or an error answered after processing, which
 * only the fault rules that fired can tell).
 */
export function reachedServer(entry: RequestLogEntry, faults: readonly FaultRule[]): boolean {
  if (!entry.fault || entry.fault === "latency") return entry.status > 0 && ![401, 429].includes(entry.status) && !(entry.abandoned && entry.status >= 500);
  if (entry.fault === "drop-after") return true;
  if (entry.fault === "drop-before") return false;
  return faults.some((rule) => rule.processFirst && ruleMatches(rule, entry));
}

function ruleMatches(rule: FaultRule, entry: RequestLogEntry): boolean {
  if (rule.method !== undefined && rule.method.toUpperCase() !== entry.method) return false;
  if (rule.region !== undefined && rule.region !== entry.region) return false;
  const pattern = compilePath(rule.path);
  return pattern === undefined || pattern.test(entry.path);
}

/**
 * The values that must never leave the wire for the client engine: the API token, every
 * variable value of both apps (the planted one first; aliases such as `$SCALINGO_…` are names,
 * and values under 8 characters are too common to mean anything), the addon tokens and backup
 * download URLs Scalingo answered, and the source-upload URLs (the capture holds the answers).
 */
export function clientSecrets(simulator: Simulator, apps: readonly string[], extra: readonly string[]): string[] {
  const values = new Set<string>(extra);
  for (const region of [SOURCE, DESTINATION]) {
    for (const app of apps) {
      for (const value of Object.values(simulator.app(region, app)?.env ?? {})) if (value.length >= 8 && !value.startsWith("$")) values.add(value);
    }
  }
  for (const request of simulator.capturedRequests()) for (const secret of secretsAnswered(request)) values.add(secret);
  return [...values];
}

function secretsAnswered(request: CapturedRequest): string[] {
  let body: unknown;
  try {
    body = JSON.parse(request.responseBody);
  } catch {
    return [];
  }
  const found: string[] = [];
  const walk = (value: unknown, key: string) => {
    if (typeof value === "string") {
      if (["token", "download_url", "upload_url", "url"].includes(key) && value.length >= 8 && (key !== "url" || /[?&](sig|signature|expires|X-Amz)/i.test(value))) found.push(value);
      return;
    }
    if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) walk(v, k);
  };
  walk(body, "");
  return found;
}

/** Which of `secrets` appear in the artifacts (each named by kind and a few characters, never whole). */
export function secretsFoundIn(artifacts: readonly unknown[], secrets: readonly string[], describe: (index: number) => string): string[] {
  const leaks: string[] = [];
  artifacts.forEach((artifact, index) => {
    const text = typeof artifact === "string" ? artifact : safeJson(artifact);
    for (const secret of secrets) if (text.includes(secret)) leaks.push(`${describe(index)} holds ${secret.slice(0, 6)}… (${secret.length} characters)`);
  });
  return leaks;
}

function safeJson(value: unknown): string {
  if (value instanceof Error) return `${value.message}\n${value.stack ?? ""}`;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** How the source differs from the way it was before the migration, in what abort must put back. */
export function sourceDifferences(before: AppSnapshot, after: AppSnapshot | undefined): string[] {
  if (!after) return ["the source app is gone"];
  const formation = (app: AppSnapshot) => app.formation.map((f) => `${f.name}×${f.amount} ${f.size}`).sort().join(", ");
  const problems: string[] = [];
  if (formation(after) !== formation(before)) problems.push(`source formation ${formation(after)}, was ${formation(before)}`);
  if (after.scm?.auto_deploy_enabled !== before.scm?.auto_deploy_enabled) problems.push(`source SCM auto-deploy ${String(after.scm?.auto_deploy_enabled)}, was ${String(before.scm?.auto_deploy_enabled)}`);
  return problems;
}

