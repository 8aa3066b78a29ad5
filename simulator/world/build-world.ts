import { addonKind } from "./addon-catalog";
import { dataFactorFromDatabases } from "./data-size";
import type { AppFixture, ParsedFixtures } from "./fixtures-schema";
import { stableObjectId } from "./ids";
import type { Account, App, Region, WorldData } from "./types";

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
  const apps = fixtures.apps.map((app, index) => toApp(app, `apps[${index}]`, regions, accounts));
  requireUnique(apps.map((a) => `${a.region}/${a.name}`), "apps", "name within a region");
  requireUnique(apps.map((a) => a.id), "apps", "id");
  return { regions, accounts, apps };
}

function toRegion(region: ParsedFixtures["regions"][number]): Region {
  return { ...region, minAddonVersions: { ...region.minAddonVersions } };
}

function toAccount(account: ParsedFixtures["accounts"][number]): Account {
  return {
    id: account.id ?? `us-${stableObjectId(`account:${account.email}`)}`,
    email: account.email,
    username: account.username,
    apiTokens: [...account.apiTokens],
  };
}

function toApp(app: AppFixture, at: string, regions: Region[], accounts: Account[]): App {
  if (!regions.some((r) => r.name === app.region)) {
    throw new FixturesError(`${at}.region: unknown region '${app.region}' (known: ${regions.map((r) => r.name).join(", ")})`);
  }
  const owner = app.owner === undefined ? accounts[0] : accounts.find((a) => [a.id, a.email, a.username].includes(app.owner ?? ""));
  if (!owner) throw new FixturesError(`${at}.owner: no account has the id, email or username '${app.owner}'`);
  const id = app.id ?? stableObjectId(`app:${app.region}:${app.name}`);
  const createdAt = app.createdAt ?? DEFAULT_CREATED_AT;
  const childId = (kind: string, key: string | number) => stableObjectId(`${kind}:${id}:${key}`);
  return {
    id,
    name: app.name,
    region: app.region,
    ownerId: owner.id,
    status: app.status,
    createdAt,
    updatedAt: createdAt,
    forceHttps: app.forceHttps,
    stickySession: app.stickySession,
    routerLogs: app.routerLogs,
    env: { ...app.env },
    addons: app.addons.map((addon, i) => {
      const kind = addonKind(addon.providerId);
      return {
        id: addon.id ?? childId("addon", i),
        providerId: addon.providerId,
        name: addon.name ?? kind.displayName,
        plan: addon.plan,
        version: addon.version,
        isDatabase: kind.isDatabase,
        dataImported: false,
      };
    }),
    domains: app.domains.map((domain) => ({
      id: domain.id ?? childId("domain", domain.name),
      name: domain.name,
      ssl: domain.validity !== null,
      canonical: domain.canonical,
      letsencryptEnabled: domain.letsencryptEnabled,
      validity: domain.validity,
      certificateInvalid: domain.certificateInvalid,
      createdAt,
    })),
    collaborators: app.collaborators.map((c) => ({
      id: c.id ?? childId("collaborator", c.email),
      email: c.email,
      username: c.username ?? c.email.split("@")[0],
      status: c.status,
    })),
    notifiers: app.notifiers.map((n, i) => ({ ...n, id: n.id ?? childId("notifier", i) })),
    alerts: app.alerts.map((a, i) => ({ ...a, id: a.id ?? childId("alert", i) })),
    logDrains: app.logDrains.map((d, i) => ({ ...d, id: d.id ?? childId("log-drain", i) })),
    autoscalers: app.autoscalers.map((a, i) => ({ ...a, id: a.id ?? childId("autoscaler", i) })),
    formation: app.formation.map((f) => ({ ...f })),
    scm: app.scm ? { ...app.scm } : null,
    lastDeployment: app.lastDeployment
      ? {
          id: app.lastDeployment.id ?? childId("deployment", 0),
          gitRef: app.lastDeployment.gitRef,
          status: app.lastDeployment.status,
          createdAt: app.lastDeployment.createdAt ?? createdAt,
        }
      : null,
    dataDurationFactor: app.dataDurationFactor ?? dataFactorFromDatabases(app.addons),
    lockedByMigrationId: null,
    redirect: null,
  };
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
