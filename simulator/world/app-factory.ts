import { addonKind } from "./addon-catalog";
import { addonVariables, passwordFor, resourceIdFor } from "./addon-identity";
import type { Addon, App, AppStatus } from "./types";

/** Blank apps and addons, with every field set: fixtures, the public API and migrations start here. */

export interface NewAppInput {
  id: string;
  name: string;
  region: string;
  ownerId: string;
  projectId: string;
  createdAt: string;
  status?: AppStatus;
  stack?: string;
  hdsResource?: boolean;
}

export const DEFAULT_PROCFILE: Record<string, string> = { web: "npm start" };

export function newApp(input: NewAppInput): App {
  return {
    id: input.id,
    name: input.name,
    region: input.region,
    ownerId: input.ownerId,
    status: input.status ?? "new",
    createdAt: input.createdAt,
    updatedAt: input.createdAt,
    forceHttps: false,
    stickySession: false,
    routerLogs: false,
    stack: input.stack ?? "scalingo-22",
    projectId: input.projectId,
    hdsResource: input.hdsResource ?? false,
    env: {},
    addons: [],
    domains: [],
    collaborators: [],
    notifiers: [],
    alerts: [],
    logDrains: [],
    autoscalers: [],
    formation: [],
    scm: null,
    lastDeployment: null,
    deployments: [],
    procfile: { ...DEFAULT_PROCFILE },
    operations: [],
    oneOffs: [],
    events: [],
    logs: [],
    dataDurationFactor: 1,
    lockedByMigrationId: null,
    redirect: null,
  };
}

export interface NewAddonInput {
  id: string;
  providerId: string;
  plan: string;
  version: string;
  provisionedAt: string;
  status: Addon["status"];
  name?: string;
  /** Seed of the connection password (fixtures: stable; API: random). */
  passwordSeed: string;
}

/** An addon of `app`, its variables written into the app's environment. */
export function newAddon(app: App, input: NewAddonInput): Addon {
  const kind = addonKind(input.providerId);
  const addon: Addon = {
    id: input.id,
    providerId: input.providerId,
    name: input.name ?? kind.displayName,
    plan: input.plan,
    version: input.version,
    isDatabase: kind.isDatabase,
    dataImported: false,
    status: input.status,
    resourceId: resourceIdFor(app.name, input.id),
    password: passwordFor(input.passwordSeed),
    provisionedAt: input.provisionedAt,
    documents: kind.isDatabase ? [] : null,
    backups: [],
    logDrains: [],
    periodicBackupsEnabled: kind.isDatabase,
    periodicBackupsScheduledAt: kind.isDatabase ? [1] : [],
    features: [],
  };
  Object.assign(app.env, addonVariables(app.region, addon));
  return addon;
}
