import type { Account, App, Domain } from "./types";

/** How apps and domains look on the wire (snake_case, as Scalingo's API shows them). */

export function baseUrl(app: Pick<App, "name" | "region">): string {
  return `https://${app.name}.${app.region}.scalingo.io`;
}

export function gitUrl(app: Pick<App, "name" | "region">): string {
  return `git@ssh.${app.region}.scalingo.com:${app.name}.git`;
}

export interface AppJson {
  id: string;
  name: string;
  region: string;
  status: string;
  url: string;
  base_url: string;
  git_url: string;
  created_at: string;
  updated_at: string;
  last_deployed_at: string | null;
  last_deployment_id: string | null;
  force_https: boolean;
  sticky_session: boolean;
  router_logs: boolean;
  stack: string;
  owner: { id: string; email: string; username: string } | null;
  /** Simulator extra: true while a region migration keeps the app read-only. */
  migrating: boolean;
  /** Simulator extra: where traffic goes once a migration redirected this app. */
  redirect: { region: string; app_name: string; url: string; until: string } | null;
}

export interface DomainJson {
  id: string;
  app_id: string;
  name: string;
  ssl: boolean;
  canonical: boolean;
  letsencrypt_enabled: boolean;
  /** Whether the certificate in use is the Let's Encrypt one (false: a certificate uploaded by the user). */
  letsencrypt: boolean;
  letsencrypt_status: string;
  validity: string | null;
  created_at: string;
}

export function appJson(app: App, owner: Account | undefined): AppJson {
  const canonical = app.domains.find((d) => d.canonical);
  return {
    id: app.id,
    name: app.name,
    region: app.region,
    status: app.status,
    url: canonical ? `https://${canonical.name}` : baseUrl(app),
    base_url: baseUrl(app),
    git_url: gitUrl(app),
    created_at: app.createdAt,
    updated_at: app.updatedAt,
    last_deployed_at: app.lastDeployment?.createdAt ?? null,
    last_deployment_id: app.lastDeployment?.id ?? null,
    force_https: app.forceHttps,
    sticky_session: app.stickySession,
    router_logs: app.routerLogs,
    stack: "scalingo-22",
    owner: owner ? { id: owner.id, email: owner.email, username: owner.username } : null,
    migrating: app.lockedByMigrationId !== null,
    redirect: app.redirect
      ? { region: app.redirect.region, app_name: app.redirect.appName, url: app.redirect.url, until: app.redirect.until }
      : null,
  };
}

export function domainJson(app: App, domain: Domain): DomainJson {
  return {
    id: domain.id,
    app_id: app.id,
    name: domain.name,
    ssl: domain.ssl,
    canonical: domain.canonical,
    letsencrypt_enabled: domain.letsencryptEnabled,
    // The Scalingo CLI reads this to print "Let's Encrypt" rather than "Valid until <date>"
    // for a certificate Scalingo generated.
    letsencrypt: domain.letsencryptEnabled && domain.ssl,
    letsencrypt_status: domain.letsencryptEnabled ? "created" : "disabled",
    validity: domain.validity,
    created_at: domain.createdAt,
  };
}

/** Everything the simulator knows about an app, for tests: the API view plus its parts. */
export interface AppSnapshot extends AppJson {
  domains: DomainJson[];
  addons: { id: string; provider_id: string; name: string; plan: string; version: string; data_imported: boolean }[];
  env: Record<string, string>;
  collaborators: { id: string; email: string; username: string; status: string }[];
  notifiers: { id: string; name: string; type: string }[];
  alerts: { id: string; container_type: string; metric: string; limit: number }[];
  log_drains: { id: string; type: string; url: string }[];
  autoscalers: { id: string; container_type: string; metric: string; target: number; min_containers: number; max_containers: number }[];
  formation: { name: string; amount: number; size: string }[];
  scm: { type: string; owner: string; repo: string; branch: string } | null;
}

export function appSnapshot(app: App, owner: Account | undefined): AppSnapshot {
  return {
    ...appJson(app, owner),
    domains: app.domains.map((d) => domainJson(app, d)),
    addons: app.addons.map((a) => ({
      id: a.id,
      provider_id: a.providerId,
      name: a.name,
      plan: a.plan,
      version: a.version,
      data_imported: a.dataImported,
    })),
    env: { ...app.env },
    collaborators: app.collaborators.map((c) => ({ ...c })),
    notifiers: app.notifiers.map((n) => ({ ...n })),
    alerts: app.alerts.map((a) => ({ id: a.id, container_type: a.containerType, metric: a.metric, limit: a.limit })),
    log_drains: app.logDrains.map((d) => ({ ...d })),
    autoscalers: app.autoscalers.map((a) => ({
      id: a.id,
      container_type: a.containerType,
      metric: a.metric,
      target: a.target,
      min_containers: a.minContainers,
      max_containers: a.maxContainers,
    })),
    formation: app.formation.map((f) => ({ ...f })),
    scm: app.scm ? { ...app.scm } : null,
  };
}
