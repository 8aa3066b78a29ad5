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
  /**
   * What a new addon of a provider gets here, by provider id, when it differs from the
   * catalogue's default: Scalingo provisions a region's default version only, and regions
   * need not agree (`GET /v1/database_types` shows each region's `default_version_id`).
   */
  defaultAddonVersions: Record<string, string>;
}

export interface Account {
  id: string;
  email: string;
  username: string;
  apiTokens: string[];
}

/** One record of a database addon's contents: what a backup carries and a restore replaces. */
export interface DatabaseDocument {
  id: string;
  fields: Record<string, string | number | boolean | null>;
}

export type BackupStatus = "scheduled" | "running" | "done" | "error";

export interface Backup {
  id: string;
  name: string;
  method: "periodic" | "manual";
  status: BackupStatus;
  createdAt: string;
  startedAt: string | null;
  /** Bytes of the archive once done. */
  size: number;
  /** The contents at the moment the backup ran; null until then (and on failure). */
  snapshot: DatabaseDocument[] | null;
  /** The addon's engine when the backup ran: a restore checks the dump is of its type. */
  engine: string;
}

export interface LogDrain {
  id: string;
  type: string;
  /** The encoded URL, the only thing Scalingo lists back (e.g. `syslog+tls://host:6514`). */
  url: string;
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
  /** `provisioning` until its (simulated) provisioning time is over; `error` if that failed. */
  status: "provisioning" | "running" | "suspended" | "error";
  /** The database's name on its host: part of its connection URL. */
  resourceId: string;
  /** Secret of the connection URL; never shown anywhere but the app's variables. */
  password: string;
  provisionedAt: string;
  /** Databases only: the records it holds (null for other addons). */
  documents: DatabaseDocument[] | null;
  backups: Backup[];
  logDrains: LogDrain[];
  periodicBackupsEnabled: boolean;
  periodicBackupsScheduledAt: number[];
  features: { name: string; status: string }[];
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
  /** Let's Encrypt progress: `pending_dns` until the domain's DNS points at the app's region. */
  letsencryptStatus: "pending_dns" | "new" | "created" | "dns_required" | "error" | "disabled";
  /** A certificate uploaded by the user: only its subject and a key description are kept. */
  customCertificate: { subject: string; keyDescription: string } | null;
}

export interface Collaborator {
  id: string;
  email: string;
  username: string;
  status: "accepted" | "pending";
  isLimited: boolean;
  /** The invitee's account id once accepted (empty while pending). */
  userId: string;
  invitationToken: string;
}

export interface Notifier {
  id: string;
  name: string;
  /** The notification platform's name (email, slack, webhook, …): ids differ per region. */
  type: string;
  active: boolean;
  sendAllAlerts: boolean;
  sendAllEvents: boolean;
  /** Event type names (ids differ per region). */
  selectedEvents: string[];
  typeData: { webhookUrl?: string; emails?: string[]; userIds?: string[]; phoneNumber?: string };
  createdAt: string;
  updatedAt: string;
}

export interface Alert {
  id: string;
  containerType: string;
  metric: string;
  limit: number;
  disabled: boolean;
  sendWhenBelow: boolean;
  /** Nanoseconds, as Scalingo and go-scalingo carry it. */
  durationBeforeTrigger: number;
  /** A Go duration string ("1h0m0s"), or "" for never. */
  remindEvery: string;
  notifierIds: string[];
  /** Set on the two alerts an autoscaler owns. */
  autoscalerId: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface Autoscaler {
  id: string;
  containerType: string;
  metric: string;
  target: number;
  minContainers: number;
  maxContainers: number;
  disabled: boolean;
  alertIdScaleUp: string | null;
  alertIdScaleDown: string | null;
}

export interface ContainerFormation {
  name: string;
  amount: number;
  size: string;
  command?: string;
}

export interface ScmLink {
  type: string;
  owner: string;
  repo: string;
  branch: string;
  id?: string;
  authIntegrationUuid?: string;
  linkerId?: string;
  autoDeployEnabled?: boolean;
  deployReviewAppsEnabled?: boolean;
  deleteOnCloseEnabled?: boolean;
  hoursBeforeDeleteOnClose?: number;
  deleteStaleEnabled?: boolean;
  hoursBeforeDeleteStale?: number;
  automaticCreationFromForksAllowed?: boolean;
  createdAt?: string;
  updatedAt?: string;
}

export type DeploymentStatus =
  | "queued"
  | "building"
  | "pushing"
  | "starting"
  | "success"
  | "build-error"
  | "crashed-error"
  | "timeout-error"
  | "hook-error"
  | "aborted";

export interface Deployment {
  id: string;
  gitRef: string;
  status: string;
  createdAt: string;
  /** The account that pushed; null for fixture history. */
  pusherId?: string | null;
  sourceUrl?: string | null;
  /** Process types the build found (its Procfile). */
  procfile?: Record<string, string>;
  output?: string[];
  imageSize?: number;
  finishedAt?: string | null;
}

export interface Operation {
  id: string;
  type: "scale" | "restart" | "start" | "start-one-off";
  status: "pending" | "running" | "done" | "error";
  createdAt: string;
  finishedAt: string | null;
  error: string;
  /** The container a one-off operation started. */
  containerId: string | null;
}

export interface OneOff {
  id: string;
  label: string;
  command: string;
  size: string;
  detached: boolean;
  state: "booting" | "running" | "stopped";
  createdAt: string;
}

export interface AppEvent {
  id: string;
  type: string;
  createdAt: string;
  userId: string | null;
  typeData: Record<string, unknown>;
}

export interface LogLine {
  at: string;
  /** The container that wrote it: `web-1`, `one-off-1234`, `build`, … */
  source: string;
  text: string;
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
  /** Stack name (ids differ per region). */
  stack: string;
  projectId: string;
  hdsResource: boolean;
  /** Every variable, addon-injected ones included, values as set (aliases unexpanded). */
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
  /** Every deployment, oldest first (the last successful one is `lastDeployment`). */
  deployments: Deployment[];
  /** The process types a deployment of this app's code creates. */
  procfile: Record<string, string>;
  operations: Operation[];
  oneOffs: OneOff[];
  events: AppEvent[];
  logs: LogLine[];
  /** Multiplies the duration of this app's data step (a large database). */
  dataDurationFactor: number;
  /** The migration that made this app read-only, until that migration is final. */
  lockedByMigrationId: string | null;
  redirect: Redirect | null;
}

export interface Project {
  id: string;
  name: string;
  region: string;
  ownerId: string;
  default: boolean;
  createdAt: string;
}

/** A code archive uploaded through `POST /v1/sources`, kept until it expires. */
export interface Source {
  id: string;
  region: string;
  createdAt: string;
  expiresAtMs: number;
  /** Base64 of the uploaded tarball; null until uploaded. */
  archive: string | null;
}

/** A repository that SCM links can point at (repositories exist only as fixtures). */
export interface ScmRepo {
  type: string;
  owner: string;
  repo: string;
  /** Branch → head commit. */
  branches: Record<string, string>;
  procfile: Record<string, string>;
}

/** Something asynchronous that happens at `atMs` (kept in the world so a restart resumes it). */
export interface ScheduledEffect {
  id: string;
  atMs: number;
  effect: AsyncEffect;
}

export type AsyncEffect =
  | { kind: "addon-ready"; appId: string; addonId: string; fail: string | null }
  | { kind: "operation-start"; appId: string; operationId: string }
  | { kind: "operation-end"; appId: string; operationId: string }
  | { kind: "backup-start"; appId: string; addonId: string; backupId: string }
  | { kind: "backup-end"; appId: string; addonId: string; backupId: string; fail: string | null }
  | { kind: "deployment-step"; appId: string; deploymentId: string; status: DeploymentStatus; fail: string | null }
  | { kind: "one-off-start"; appId: string; oneOffId: string; operationId: string }
  | { kind: "one-off-end"; appId: string; oneOffId: string; env: Record<string, string>; fail: string | null };

export interface WorldData {
  regions: Region[];
  accounts: Account[];
  apps: App[];
  projects: Project[];
  sources: Source[];
  scmRepos: ScmRepo[];
  /** Domain name → region its DNS (CNAME) points at. */
  dns: Record<string, string>;
  schedule: ScheduledEffect[];
}
