import { newAddon, newApp, DEFAULT_PROCFILE } from "./app-factory";
import { sampleDocuments } from "./addon-identity";
import { dataFactorFromDatabases } from "./data-size";
import type { AppFixture, ParsedFixtures } from "./fixtures-schema";
import { stablePrefixedId, stableObjectId } from "./ids";
import { projectIdFor } from "./projects";
import type { Account, Alert, App, Project, Region, ScmRepo, WorldData } from "./types";

/** Fixtures that parse but do not hold together (unknown region, duplicate name, …). */
export class FixturesError extends Error {
  override readonly name = "FixturesError";
}

/** Fixture apps without a date were all created at this fixed instant, for reproducible output. */
const DEFAULT_CREATED_AT = "2023-03-01T09:00:00.000Z";

export function buildWorld(fixtures: ParsedFixtures): WorldData {
  const regions = fixtures.regions.map(toRegion);
  requireUnique(regions.map((r) => r.name), "regions", "name");
  if (regions.filter((r) => r.default).length > 1) {
    throw new FixturesError("regions: at most one region may be marked default");
  }
  const accounts = fixtures.accounts.map(toAccount);
  requireUnique(accounts.map((a) => a.id), "accounts", "id");
  requireUnique(accounts.flatMap((a) => a.apiTokens), "accounts", "apiTokens (a token may belong to one account only)", false);
  const projects: Project[] = [];
  const apps = fixtures.apps.map((app, index) => toApp(app, `apps[${index}]`, regions, accounts, projects));
  requireUnique(apps.map((a) => `${a.region}/${a.name}`), "apps", "name within a region");
  requireUnique(apps.map((a) => a.id), "apps", "id");
  const dns: Record<string, string> = {};
  for (const app of apps) for (const domain of app.domains) dns[domain.name] ??= app.region;
  return { regions, accounts, apps, projects, sources: [], scmRepos: scmRepos(apps), dns: { ...dns, ...fixtures.dns }, schedule: [] };
}

function toRegion(region: ParsedFixtures["regions"][number]): Region {
  return { ...region, minAddonVersions: { ...region.minAddonVersions }, defaultAddonVersions: { ...region.defaultAddonVersions } };
}

function toAccount(account: ParsedFixtures["accounts"][number]): Account {
  return {
    id: account.id ?? `us-${stableObjectId(`account:${account.email}`)}`,
    email: account.email,
    username: account.username,
    apiTokens: [...account.apiTokens],
  };
}

function toApp(fixture: AppFixture, at: string, regions: Region[], accounts: Account[], projects: Project[]): App {
  if (!regions.some((r) => r.name === fixture.region)) {
    throw new FixturesError(`${at}.region: unknown region '${fixture.region}' (known: ${regions.map((r) => r.name).join(", ")})`);
  }
  const owner = fixture.owner === undefined ? accounts[0] : accounts.find((a) => [a.id, a.email, a.username].includes(fixture.owner ?? ""));
  if (!owner) throw new FixturesError(`${at}.owner: no account has the id, email or username '${fixture.owner}'`);
  const id = fixture.id ?? stableObjectId(`app:${fixture.region}:${fixture.name}`);
  const createdAt = fixture.createdAt ?? DEFAULT_CREATED_AT;
  const childId = (kind: string, key: string | number) => stableObjectId(`${kind}:${id}:${key}`);
  const prefixed = (prefix: string, kind: string, key: string | number) => stablePrefixedId(prefix, `${kind}:${id}:${key}`);
  const app = newApp({
    id,
    name: fixture.name,
    region: fixture.region,
    ownerId: owner.id,
    projectId: fixtureProject(projects, fixture.region, owner.id, fixture.project, createdAt),
    createdAt,
    status: fixture.status,
    stack: fixture.stack,
    hdsResource: fixture.hdsResource,
  });
  app.forceHttps = fixture.forceHttps;
  app.stickySession = fixture.stickySession;
  app.routerLogs = fixture.routerLogs;
  app.addons = fixture.addons.map((addon, i) => {
    const created = newAddon(app, {
      id: addon.id ?? childId("addon", i),
      providerId: addon.providerId,
      plan: addon.plan,
      version: addon.version,
      name: addon.name,
      provisionedAt: createdAt,
      status: "running",
      passwordSeed: `${id}:${i}`,
    });
    if (created.documents) created.documents = (addon.documents ?? sampleDocuments(fixture.name, addon.providerId)).map((d) => ({ id: d.id, fields: { ...d.fields } }));
    created.logDrains = addon.logDrains.map((d, j) => ({ ...d, id: d.id ?? childId(`addon-log-drain-${i}`, j) }));
    return created;
  });
  Object.assign(app.env, fixture.env);
  app.domains = fixture.domains.map((domain) => ({
    id: domain.id ?? childId("domain", domain.name),
    name: domain.name,
    ssl: domain.validity !== null,
    canonical: domain.canonical,
    letsencryptEnabled: domain.letsencryptEnabled,
    validity: domain.validity,
    certificateInvalid: domain.certificateInvalid,
    createdAt,
    letsencryptStatus: domain.letsencryptEnabled ? (domain.validity !== null ? "created" : "pending_dns") : "disabled",
    customCertificate:
      !domain.letsencryptEnabled && domain.validity !== null ? { subject: `/CN=${domain.name}`, keyDescription: "RSA private key - 2048 bits" } : null,
  }));
  app.collaborators = fixture.collaborators.map((c) => ({
    id: c.id ?? childId("collaborator", c.email),
    email: c.email,
    username: c.username ?? c.email.split("@")[0],
    status: c.status,
    isLimited: c.isLimited,
    userId: c.status === "accepted" ? `us-${stableObjectId(`account:${c.email}`)}` : "",
    invitationToken: childId("invitation", c.email),
  }));
  app.notifiers = fixture.notifiers.map((n, i) => ({
    id: n.id ?? prefixed("no", "notifier", i),
    name: n.name,
    type: n.type,
    active: n.active,
    sendAllAlerts: n.sendAllAlerts,
    sendAllEvents: n.sendAllEvents,
    selectedEvents: [...n.selectedEvents],
    typeData: n.type === "email" ? { emails: n.emails ?? [owner.email], userIds: [] } : { webhookUrl: n.webhookUrl ?? `https://hooks.example.com/${fixture.name}/${i}` },
    createdAt,
    updatedAt: createdAt,
  }));
  app.alerts = fixture.alerts.map((a, i) => ({
    ...alertDefaults(createdAt),
    id: a.id ?? prefixed("al", "alert", i),
    containerType: a.containerType,
    metric: a.metric,
    limit: a.limit,
    sendWhenBelow: a.sendWhenBelow,
    durationBeforeTrigger: a.durationBeforeTrigger,
    remindEvery: a.remindEvery,
    notifierIds: a.notifiers.map((name) => {
      const notifier = app.notifiers.find((n) => n.name === name);
      if (!notifier) throw new FixturesError(`${at}.alerts[${i}].notifiers: the app has no notifier named '${name}'`);
      return notifier.id;
    }),
  }));
  app.logDrains = fixture.logDrains.map((d, i) => ({ ...d, id: d.id ?? childId("log-drain", i) }));
  app.autoscalers = fixture.autoscalers.map((a, i) => {
    const autoscalerId = a.id ?? prefixed("au", "autoscaler", i);
    const [up, down] = autoscalerAlerts(autoscalerId, a, createdAt, (dir) => prefixed("al", `autoscaler-alert-${dir}`, i));
    app.alerts.push(up, down);
    return { ...a, id: autoscalerId, alertIdScaleUp: up.id, alertIdScaleDown: down.id };
  });
  app.formation = fixture.formation.map((f) => ({ ...f }));
  app.procfile = fixture.procfile ?? Object.fromEntries(app.formation.map((f) => [f.name, f.command ?? DEFAULT_PROCFILE.web]));
  app.scm = fixture.scm
    ? {
        ...fixture.scm,
        id: stablePrefixedId("scm", `scm:${id}`),
        authIntegrationUuid: stablePrefixedId("int", `integration:${owner.id}:${fixture.scm.type}`),
        linkerId: owner.id,
        deleteOnCloseEnabled: false,
        hoursBeforeDeleteOnClose: 0,
        deleteStaleEnabled: false,
        hoursBeforeDeleteStale: 0,
        automaticCreationFromForksAllowed: false,
        createdAt,
        updatedAt: createdAt,
      }
    : null;
  if (fixture.lastDeployment) {
    const deployment = {
      id: fixture.lastDeployment.id ?? childId("deployment", 0),
      gitRef: fixture.lastDeployment.gitRef,
      status: fixture.lastDeployment.status,
      createdAt: fixture.lastDeployment.createdAt ?? createdAt,
      pusherId: owner.id,
      sourceUrl: null,
      procfile: { ...app.procfile },
      output: [`-----> Building ${fixture.lastDeployment.gitRef}`, "-----> Build succeeded"],
      imageSize: 120 * 1024 * 1024,
      finishedAt: fixture.lastDeployment.createdAt ?? createdAt,
    };
    app.deployments = [deployment];
    app.lastDeployment = deployment;
  }
  app.events = [{ id: childId("event", "new_app"), type: "new_app", createdAt, userId: owner.id, typeData: { git_source: "" } }];
  app.dataDurationFactor = fixture.dataDurationFactor ?? dataFactorFromDatabases(fixture.addons);
  return app;
}

export function alertDefaults(createdAt: string): Omit<Alert, "id" | "containerType" | "metric" | "limit"> {
  return {
    disabled: false,
    sendWhenBelow: false,
    durationBeforeTrigger: 0,
    remindEvery: "",
    notifierIds: [],
    autoscalerId: null,
    createdAt,
    updatedAt: createdAt,
  };
}

/** The two alerts Scalingo creates with an autoscaler (clients must not copy them). */
export function autoscalerAlerts(
  autoscalerId: string,
  a: { containerType: string; metric: string; target: number },
  createdAt: string,
  idFor: (direction: "up" | "down") => string,
): [Alert, Alert] {
  const base = { ...alertDefaults(createdAt), containerType: a.containerType, metric: a.metric, autoscalerId };
  return [
    { ...base, id: idFor("up"), limit: a.target * 1.2 },
    { ...base, id: idFor("down"), limit: a.target * 0.8, sendWhenBelow: true },
  ];
}

function fixtureProject(projects: Project[], region: string, ownerId: string, name: string, createdAt: string): string {
  const id = projectIdFor(region, ownerId, name);
  if (!projects.some((p) => p.id === id)) projects.push({ id, name, region, ownerId, default: name === "default", createdAt });
  return id;
}

/** Every SCM-linked fixture app's repository, its branch at the app's last deployed commit. */
function scmRepos(apps: App[]): ScmRepo[] {
  const repos: ScmRepo[] = [];
  for (const app of apps) {
    if (!app.scm || repos.some((r) => r.owner === app.scm?.owner && r.repo === app.scm?.repo)) continue;
    repos.push({
      type: app.scm.type,
      owner: app.scm.owner,
      repo: app.scm.repo,
      branches: { [app.scm.branch]: app.lastDeployment?.gitRef ?? "0000000000000000000000000000000000000000" },
      procfile: { ...app.procfile },
    });
  }
  return repos;
}

function requireUnique(values: string[], at: string, what: string, showValue = true): void {
  const seen = new Set<string>();
  for (const value of values) {
    if (seen.has(value)) {
      throw new FixturesError(`${at}: duplicate ${what}${showValue ? ` '${value}'` : ""}`);
    }
    seen.add(value);
  }
}
