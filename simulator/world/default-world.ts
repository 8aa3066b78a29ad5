import type { WorldFixtures } from "./fixtures-schema";

/**
 * The world the simulator starts with when no fixtures are given: one migratable app with
 * everything a migration copies, one app per preflight blocker, a slow app, and a fleet.
 * Certificate dates are relative to `now` so "valid" and "expired" stay true over time.
 */

type AppFixtureInput = NonNullable<WorldFixtures["apps"]>[number];

const DAY_MS = 24 * 60 * 60 * 1000;

export const DEFAULT_API_TOKEN = "tk-us-demo";

export function defaultWorldFixtures(now = new Date()): WorldFixtures {
  const inDays = (days: number) => new Date(now.getTime() + days * DAY_MS).toISOString();
  return {
    regions: [
      {
        name: "osc-fr1",
        displayName: "Paris - Outscale",
        default: true,
        minAddonVersions: { postgresql: "11", redis: "5", mysql: "5.7", mongodb: "4.0" },
      },
      {
        name: "osc-secnum-fr1",
        displayName: "Paris - SecNumCloud - Outscale",
        restricted: true,
        minAddonVersions: { postgresql: "13", redis: "6", mysql: "8", mongodb: "5.0" },
      },
    ],
    accounts: [
      { id: "us-6f1c2a4e-0b7d-4c3e-9a51-2d8e7f604b11", email: "demo@example.com", username: "demo", apiTokens: [DEFAULT_API_TOKEN] },
      // Owns the app that makes `taken-name-app` unavailable on osc-secnum-fr1; cannot log in.
      { id: "us-2b9d7e13-5c4a-4f0e-8d62-7a1b3c9e5f20", email: "someone-else@example.org", username: "someone-else" },
    ],
    apps: [
      completeApp("my-app", inDays(60)),
      completeApp("my-app-2", inDays(60)),
      { ...completeApp("big-app", inDays(60)), dataDurationFactor: 5 },
      simpleApp("influx-app", { addons: [postgresql("15.6.0"), { providerId: "influxdb", version: "1.8.10" }] }),
      simpleApp("old-pg-app", { addons: [postgresql("10.21.0")] }),
      simpleApp("expired-cert-app", {
        domains: [{ name: "expired-cert-app.example.com", letsencryptEnabled: false, validity: inDays(-10) }],
      }),
      simpleApp("taken-name-app"),
      { ...simpleApp("taken-name-app"), region: "osc-secnum-fr1", owner: "someone-else" },
      shopApp(inDays(60)),
      gitPushApp(),
      simpleApp("mysql-app", { addons: [{ providerId: "mysql", plan: "mysql-starter-512", version: "8.0.36" }], env: { NODE_ENV: "production" } }),
      ...fleet(50, inDays(60)),
    ],
  };
}

function postgresql(version: string) {
  return { providerId: "postgresql", plan: "postgresql-starter-512", version };
}

function simpleApp(name: string, extra: Partial<AppFixtureInput> = {}): AppFixtureInput {
  return {
    name,
    region: "osc-fr1",
    addons: [postgresql("15.6.0")],
    formation: [{ name: "web", amount: 1, size: "M" }],
    env: { NODE_ENV: "production" },
    lastDeployment: { gitRef: "4f2a9c1e7b3d" },
    ...extra,
  };
}

function completeApp(name: string, certificateValidity: string): AppFixtureInput {
  return {
    name,
    region: "osc-fr1",
    status: "running",
    forceHttps: true,
    stickySession: false,
    routerLogs: true,
    env: {
      NODE_ENV: "production",
      DATABASE_URL: "$SCALINGO_POSTGRESQL_URL",
      REDIS_URL: "$SCALINGO_REDIS_URL",
      WEB_CONCURRENCY: "2",
    },
    addons: [
      { providerId: "postgresql", plan: "postgresql-business-1024", version: "15.6.0" },
      { providerId: "redis", plan: "redis-starter-256", version: "7.2.4" },
    ],
    domains: [{ name: `${name}.example.com`, canonical: true, letsencryptEnabled: true, validity: certificateValidity }],
    collaborators: [
      { email: "alice@example.com", username: "alice", status: "accepted" },
      { email: "bob@example.com", username: "bob", status: "pending" },
    ],
    notifiers: [{ name: "Deployments on Slack", type: "slack" }],
    alerts: [{ containerType: "web", metric: "rpm_per_container", limit: 1000 }],
    logDrains: [{ type: "syslog", url: "syslog+tls://logs.example.com:6514" }],
    autoscalers: [{ containerType: "web", metric: "rpm_per_container", target: 500, minContainers: 2, maxContainers: 6 }],
    formation: [{ name: "web", amount: 2, size: "M" }],
    scm: { type: "github", owner: "example-org", repo: name, branch: "main" },
    lastDeployment: { gitRef: "9e1d4b7a2c6f" },
  };
}

/**
 * Everything an app can be made of, for the public-API region move: PostgreSQL and Redis, two
 * custom domains (one with an uploaded certificate), a worker, an autoscaler, an alert on a
 * notifier, app and addon log drains, an SCM link and an alias variable.
 */
function shopApp(certificateValidity: string): AppFixtureInput {
  return {
    name: "shop-app",
    region: "osc-fr1",
    forceHttps: true,
    stickySession: true,
    routerLogs: false,
    stack: "scalingo-22",
    project: "shop",
    env: { NODE_ENV: "production", DATABASE_URL: "$SCALINGO_POSTGRESQL_URL", CACHE_URL: "$SCALINGO_REDIS_URL", LOG_LEVEL: "info" },
    addons: [
      {
        providerId: "postgresql",
        plan: "postgresql-business-512",
        version: "14.11.0",
        documents: [
          { id: "order-1", fields: { customer: "Ada", total: 42.5, paid: true } },
          { id: "order-2", fields: { customer: "Grace", total: 17, paid: false } },
          { id: "order-3", fields: { customer: "Linus", total: 99.9, paid: true } },
        ],
        logDrains: [{ type: "syslog", url: "syslog+tls://db-logs.example.com:6514" }],
      },
      { providerId: "redis", plan: "redis-starter-256", version: "7.2.4" },
    ],
    domains: [
      { name: "shop.example.com", canonical: true, letsencryptEnabled: true, validity: certificateValidity },
      { name: "www.shop.example.com", letsencryptEnabled: false, validity: certificateValidity },
    ],
    collaborators: [
      { email: "carol@example.com", username: "carol", status: "accepted", isLimited: true },
      { email: "dave@example.com", username: "dave", status: "pending" },
    ],
    notifiers: [
      { name: "Ops on Slack", type: "slack", selectedEvents: ["deployment", "crash"], webhookUrl: "https://hooks.slack.com/services/T0/B0/shop" },
    ],
    alerts: [{ containerType: "web", metric: "5XX", limit: 10, notifiers: ["Ops on Slack"], durationBeforeTrigger: 300_000_000_000, remindEvery: "1h0m0s" }],
    logDrains: [{ type: "datadog", url: "datadog://dd-token@http-intake.logs.datadoghq.eu?region=eu" }],
    autoscalers: [{ containerType: "web", metric: "cpu", target: 0.7, minContainers: 2, maxContainers: 5 }],
    formation: [
      { name: "web", amount: 2, size: "M", command: "npm start" },
      { name: "worker", amount: 1, size: "L", command: "node worker.js" },
    ],
    scm: { type: "github", owner: "example-org", repo: "shop", branch: "main" },
    lastDeployment: { gitRef: "3c5e8a1f0b2d4c6e8a0b1c2d3e4f5a6b7c8d9e0f" },
  };
}

/** Deployed by `git push` only: no SCM link, so its code cannot be fetched through the API. */
function gitPushApp(): AppFixtureInput {
  return simpleApp("git-push-app", {
    procfile: { web: "bundle exec puma", clock: "bundle exec clockwork clock.rb" },
    formation: [
      { name: "web", amount: 1, size: "S", command: "bundle exec puma" },
      { name: "clock", amount: 1, size: "S", command: "bundle exec clockwork clock.rb" },
    ],
    lastDeployment: { gitRef: "b7d1e0a93c5f" },
  });
}

/**
 * Database sizes (MB) of the fleet's apps, in turn: mostly small, a few large, as in a real
 * account. They make each app's data step its own (×0.37 to ×2.4 the profile's figure).
 */
const FLEET_DATABASE_MB = [96, 256, 1024, 384, 2048, 160, 640, 3072, 512, 1536];

function fleet(count: number, certificateValidity: string): AppFixtureInput[] {
  return Array.from({ length: count }, (_, i) => {
    const name = `fleet-app-${String(i + 1).padStart(2, "0")}`;
    return simpleApp(name, {
      addons: [{ ...postgresql("15.6.0"), sizeMb: FLEET_DATABASE_MB[i % FLEET_DATABASE_MB.length] }],
      domains: [{ name: `${name}.example.com`, canonical: true, validity: certificateValidity }],
    });
  });
}
