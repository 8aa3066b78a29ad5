/** The simulator's in-memory model of Scalingo: plain data, serialisable as JSON as is. */

export type AppStatus = "new" | "running" | "stopped" | "crashed" | "restarting" | "scaling" | "booting";

export interface Region {
  name: string;
  displayName: string;
  default: boolean;
  /** Restricted regions (SecNumCloud) are listed only to authenticated callers. */
  restricted: boolean;
  /** Oldest addon version this region accepts, by addon provider id (e.g. postgresql → 13). */
  minAddonVersions: Record<string, string>;
}

export interface Account {
  id: string;
  email: string;
  username: string;
  apiTokens: string[];
}

export interface Addon {
  id: string;
  /** Scalingo's addon provider id: postgresql, redis, influxdb, … */
  providerId: string;
  /** Human name used in sub-step labels: PostgreSQL, Redis, … */
  name: string;
  plan: string;
  version: string;
  isDatabase: boolean;
  /** On a destination app: whether the data step restored the source's backup. */
  dataImported: boolean;
}

export interface Domain {
  id: string;
  name: string;
  ssl: boolean;
  canonical: boolean;
  letsencryptEnabled: boolean;
  /** Certificate expiry (ISO-8601), null without certificate. */
  validity: string | null;
  certificateInvalid: boolean;
  createdAt: string;
}

export interface Collaborator {
  id: string;
  email: string;
  username: string;
  status: "accepted" | "pending";
}

export interface Notifier {
  id: string;
  name: string;
  type: string;
}

export interface Alert {
  id: string;
  containerType: string;
  metric: string;
  limit: number;
}

export interface LogDrain {
  id: string;
  type: string;
  url: string;
}

export interface Autoscaler {
  id: string;
  containerType: string;
  metric: string;
  target: number;
  minContainers: number;
  maxContainers: number;
}

export interface ContainerFormation {
  name: string;
  amount: number;
  size: string;
}

export interface ScmLink {
  type: string;
  owner: string;
  repo: string;
  branch: string;
}

export interface Deployment {
  id: string;
  gitRef: string;
  status: string;
  createdAt: string;
}

/** Set on a source app once a migration redirected its traffic to the new region. */
export interface Redirect {
  region: string;
  appName: string;
  url: string;
  until: string;
}

export interface App {
  id: string;
  name: string;
  region: string;
  ownerId: string;
  status: AppStatus;
  createdAt: string;
  updatedAt: string;
  forceHttps: boolean;
  stickySession: boolean;
  routerLogs: boolean;
  env: Record<string, string>;
  addons: Addon[];
  domains: Domain[];
  collaborators: Collaborator[];
  notifiers: Notifier[];
  alerts: Alert[];
  logDrains: LogDrain[];
  autoscalers: Autoscaler[];
  formation: ContainerFormation[];
  scm: ScmLink | null;
  lastDeployment: Deployment | null;
  /** Multiplies the duration of this app's data step (a large database). */
  dataDurationFactor: number;
  /** The migration that made this app read-only, until that migration is final. */
  lockedByMigrationId: string | null;
  redirect: Redirect | null;
}

export interface WorldData {
  regions: Region[];
  accounts: Account[];
  apps: App[];
}
