import { z } from "zod";

/**
 * The shape of a fixtures file (and of the default world): camelCase JSON, every field that
 * has an obvious default is optional. Ids left out are derived from names, so they are stable.
 */

const isoDate = z.string().refine((s) => !Number.isNaN(Date.parse(s)), "must be an ISO-8601 date");

/** Scalingo's rule, loosened on length so short demo names work. */
export const APP_NAME_PATTERN = /^[a-z][a-z0-9-]{1,46}[a-z0-9]$/;
const appName = z.string().regex(APP_NAME_PATTERN, "must be 3-48 lowercase letters, digits and dashes, starting with a letter");

const regionSchema = z.object({
  name: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]*$/, "must be lowercase letters, digits and dashes")
    .refine((n) => n !== "v1", "'v1' is reserved for the auth service paths"),
  displayName: z.string().min(1),
  default: z.boolean().default(false),
  restricted: z.boolean().default(false),
  minAddonVersions: z.record(z.string(), z.string()).default({}),
  /** Provider id → the version a new addon gets in this region (default: the catalogue's). */
  defaultAddonVersions: z.record(z.string(), z.string().regex(/^\d+(\.\d+)*$/, "must be a dotted version number such as 15.4.0")).default({}),
});

const accountSchema = z.object({
  id: z.string().min(1).optional(),
  email: z.string().min(3),
  username: z.string().min(1),
  apiTokens: z.array(z.string().min(1)).default([]),
});

const documentSchema = z.object({
  id: z.string().min(1),
  fields: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).default({}),
});

const logDrainSchema = z.object({
  id: z.string().min(1).optional(),
  type: z.string().min(1),
  url: z.string().min(1),
});

const addonSchema = z.object({
  id: z.string().min(1).optional(),
  providerId: z.string().min(1),
  name: z.string().min(1).optional(),
  plan: z.string().min(1).default("starter-512"),
  version: z.string().regex(/^\d+(\.\d+)*$/, "must be a dotted version number such as 15.4.0"),
  /** A database's records; absent means a small sample set derived from the app's name. */
  documents: z.array(documentSchema).optional(),
  logDrains: z.array(logDrainSchema).default([]),
  /** Data held (databases): the app's data step scales with it (see world/data-size.ts). */
  sizeMb: z.number().positive().optional(),
});

const domainSchema = z.object({
  id: z.string().min(1).optional(),
  name: z.string().min(1),
  canonical: z.boolean().default(false),
  letsencryptEnabled: z.boolean().default(true),
  /** Certificate expiry; null or absent means the domain has no certificate. */
  validity: isoDate.nullable().default(null),
  certificateInvalid: z.boolean().default(false),
});

const collaboratorSchema = z.object({
  id: z.string().min(1).optional(),
  email: z.string().min(3),
  username: z.string().min(1).optional(),
  status: z.enum(["accepted", "pending"]).default("accepted"),
  isLimited: z.boolean().default(false),
});

const notifierSchema = z.object({
  id: z.string().min(1).optional(),
  name: z.string().min(1),
  /** The notification platform's name: email, slack, webhook, … */
  type: z.string().min(1).default("webhook"),
  active: z.boolean().default(true),
  sendAllAlerts: z.boolean().default(true),
  sendAllEvents: z.boolean().default(false),
  /** Event type names, such as deployment or app_crashed. */
  selectedEvents: z.array(z.string().min(1)).default(["deployment"]),
  webhookUrl: z.string().min(1).optional(),
  emails: z.array(z.string().min(3)).optional(),
});

const alertSchema = z.object({
  id: z.string().min(1).optional(),
  containerType: z.string().min(1).default("web"),
  metric: z.string().min(1),
  limit: z.number(),
  /** Names of the app's notifiers the alert goes to. */
  notifiers: z.array(z.string().min(1)).default([]),
  sendWhenBelow: z.boolean().default(false),
  durationBeforeTrigger: z.number().int().min(0).default(0),
  remindEvery: z.string().default(""),
});

const autoscalerSchema = z.object({
  id: z.string().min(1).optional(),
  containerType: z.string().min(1).default("web"),
  metric: z.string().min(1).default("rpm_per_container"),
  target: z.number().positive(),
  minContainers: z.number().int().min(1),
  maxContainers: z.number().int().min(1),
  disabled: z.boolean().default(false),
});

const formationSchema = z.object({
  name: z.string().min(1),
  amount: z.number().int().min(0),
  size: z.string().min(1).default("M"),
  command: z.string().min(1).optional(),
});

const scmSchema = z.object({
  type: z.string().min(1),
  owner: z.string().min(1),
  repo: z.string().min(1),
  branch: z.string().min(1).default("main"),
  autoDeployEnabled: z.boolean().default(true),
  deployReviewAppsEnabled: z.boolean().default(false),
});

const deploymentSchema = z.object({
  id: z.string().min(1).optional(),
  gitRef: z.string().min(1),
  status: z.string().min(1).default("success"),
  createdAt: isoDate.optional(),
});

const appSchema = z.object({
  id: z.string().min(1).optional(),
  name: appName,
  region: z.string().min(1),
  /** Account id, email or username; defaults to the first account. */
  owner: z.string().min(1).optional(),
  status: z.enum(["new", "running", "stopped", "crashed", "restarting", "scaling", "booting"]).default("running"),
  createdAt: isoDate.optional(),
  forceHttps: z.boolean().default(false),
  stickySession: z.boolean().default(false),
  routerLogs: z.boolean().default(false),
  stack: z.string().min(1).default("scalingo-22"),
  /** Project name in the app's region; every account has a "default" one. */
  project: z.string().min(1).default("default"),
  hdsResource: z.boolean().default(false),
  /** The process types its code declares (what a deployment creates). */
  procfile: z.record(z.string(), z.string()).optional(),
  env: z.record(z.string(), z.string()).default({}),
  addons: z.array(addonSchema).default([]),
  domains: z.array(domainSchema).default([]),
  collaborators: z.array(collaboratorSchema).default([]),
  notifiers: z.array(notifierSchema).default([]),
  alerts: z.array(alertSchema).default([]),
  logDrains: z.array(logDrainSchema).default([]),
  autoscalers: z.array(autoscalerSchema).default([]),
  formation: z.array(formationSchema).default([{ name: "web", amount: 1, size: "M" }]),
  scm: scmSchema.nullable().default(null),
  lastDeployment: deploymentSchema.nullable().default(null),
  /** Multiplies the data step's duration; default: from the databases' sizeMb, else 1. */
  dataDurationFactor: z.number().positive().optional(),
});

export const worldFixturesSchema = z.object({
  regions: z.array(regionSchema).min(1),
  accounts: z.array(accountSchema).min(1),
  apps: z.array(appSchema).default([]),
  /** Domain name → region its DNS points at; a fixture domain defaults to its app's region. */
  dns: z.record(z.string(), z.string()).default({}),
});

/** What a fixtures file (or the `fixtures` option) contains. */
export type WorldFixtures = z.input<typeof worldFixturesSchema>;
export type ParsedFixtures = z.output<typeof worldFixturesSchema>;
export type AppFixture = ParsedFixtures["apps"][number];
