import { documentsDigest } from "./addon-identity";
import { stackId } from "./catalog/stacks";
import type { Account, App, DatabaseDocument, Domain, Project } from "./types";

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
  /** The stack's id in this app's region (ids differ per region; names do not). */
  stack_id: string;
  project: { id: string; name: string };
  hds_resource: boolean;
  flags: Record<string, boolean>;
  limits: Record<string, unknown>;
  private_networks_ids: string[];
  last_deployed_by: string;
  links: { deployments_stream: string };
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
  /** Read back: the uploaded certificate's subject (never the PEM). */
  tlscert?: string;
  /** Read back: a description such as "RSA private key - 1704 bytes" (never the key). */
  tlskey?: string;
  ssl_status: string;
  acme_dns_fqdn: string;
  acme_dns_value: string;
  acme_dns_error: { dns_provider: string; variables: string[] };
}

export function appJson(app: App, owner: Account | undefined, project?: Pick<Project, "id" | "name">): AppJson {
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
    stack: app.stack,
    stack_id: stackId(app.region, app.stack),
    project: { id: app.projectId, name: project?.name ?? "default" },
    hds_resource: app.hdsResource,
    flags: {},
    limits: {},
    private_networks_ids: [],
    last_deployed_by: app.lastDeployment && owner ? owner.username : "",
    links: { deployments_stream: `wss://deployments.${app.region}.scalingo.com/apps/${app.id}` },
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
    letsencrypt: domain.letsencryptEnabled && domain.ssl && domain.customCertificate === null,
    letsencrypt_status: domain.letsencryptStatus,
    validity: domain.validity,
    created_at: domain.createdAt,
    ...(domain.customCertificate ? { tlscert: domain.customCertificate.subject, tlskey: domain.customCertificate.keyDescription } : {}),
    ssl_status: domain.ssl ? "success" : "pending",
    acme_dns_fqdn: domain.name.startsWith("*.") ? `_acme-challenge.${domain.name.slice(2)}` : "",
    acme_dns_value: "",
    acme_dns_error: { dns_provider: "", variables: [] },
  };
}

/** Everything the simulator knows about an app, for tests: the API view plus its parts. */
export interface AppSnapshot extends AppJson {
  domains: DomainJson[];
  addons: {
    id: string;
    provider_id: string;
    name: string;
    plan: string;
    version: string;
    data_imported: boolean;
    status: string;
    /** Databases: their records and a digest of them (null for other addons). */
    documents: DatabaseDocument[] | null;
    digest: string | null;
    backups: { id: string; status: string; created_at: string }[];
    log_drains: { id: string; type: string; url: string }[];
  }[];
  env: Record<string, string>;
  collaborators: { id: string; email: string; username: string; status: string; is_limited: boolean }[];
  notifiers: { id: string; name: string; type: string; active: boolean; send_all_alerts: boolean; send_all_events: boolean; selected_events: string[] }[];
  alerts: { id: string; container_type: string; metric: string; limit: number; notifier_ids: string[]; autoscaler_id: string | null }[];
  log_drains: { id: string; type: string; url: string }[];
  autoscalers: { id: string; container_type: string; metric: string; target: number; min_containers: number; max_containers: number }[];
  formation: { name: string; amount: number; size: string }[];
  scm: { type: string; owner: string; repo: string; branch: string; auto_deploy_enabled: boolean; deploy_review_apps_enabled: boolean } | null;
  deployments: { id: string; git_ref: string; status: string; created_at: string }[];
  procfile: Record<string, string>;
  dns: Record<string, string | null>;
}

export function appSnapshot(app: App, owner: Account | undefined, dns: Record<string, string> = {}, project?: Pick<Project, "id" | "name">): AppSnapshot {
  return {
    ...appJson(app, owner, project),
    domains: app.domains.map((d) => domainJson(app, d)),
    addons: app.addons.map((a) => ({
      id: a.id,
      provider_id: a.providerId,
      name: a.name,
      plan: a.plan,
      version: a.version,
      data_imported: a.dataImported,
      status: a.status,
      documents: a.documents ? a.documents.map((d) => ({ id: d.id, fields: { ...d.fields } })) : null,
      digest: a.documents ? documentsDigest(a.documents) : null,
      backups: a.backups.map((b) => ({ id: b.id, status: b.status, created_at: b.createdAt })),
      log_drains: a.logDrains.map((d) => ({ ...d })),
    })),
    env: { ...app.env },
    collaborators: app.collaborators.map((c) => ({ id: c.id, email: c.email, username: c.username, status: c.status, is_limited: c.isLimited })),
    notifiers: app.notifiers.map((n) => ({
      id: n.id,
      name: n.name,
      type: n.type,
      active: n.active,
      send_all_alerts: n.sendAllAlerts,
      send_all_events: n.sendAllEvents,
      selected_events: [...n.selectedEvents],
    })),
    alerts: app.alerts.map((a) => ({
      id: a.id,
      container_type: a.containerType,
      metric: a.metric,
      limit: a.limit,
      notifier_ids: [...a.notifierIds],
      autoscaler_id: a.autoscalerId,
    })),
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
    scm: app.scm ? { type: app.scm.type, owner: app.scm.owner, repo: app.scm.repo, branch: app.scm.branch, auto_deploy_enabled: app.scm.autoDeployEnabled ?? false, deploy_review_apps_enabled: app.scm.deployReviewAppsEnabled ?? false } : null,
    deployments: app.deployments.map((d) => ({ id: d.id, git_ref: d.gitRef, status: d.status, created_at: d.createdAt })),
    procfile: { ...app.procfile },
    dns: Object.fromEntries(app.domains.map((d) => [d.name, dns[d.name] ?? null])),
  };
}
