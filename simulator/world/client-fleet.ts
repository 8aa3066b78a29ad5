import type { WorldFixtures } from "./fixtures-schema";

type AppFixtureInput = NonNullable<WorldFixtures["apps"]>[number];

/**
 * A fleet of varied apps for the client engine (public API) to move: `client-app-01` … each
 * made of the world's building blocks in its own mix, as an account's apps differ: PostgreSQL
 * or MySQL (with Redis for some), one or two domains, collaborators accepted or pending,
 * notifiers with alerts, app and addon log drains, autoscalers, workers of other sizes, a
 * project of their own, SCM links with auto-deploy on or off. Every app has an SCM link, so
 * its code can be deployed through the API (a git-push app would wait for a person).
 * Deterministic: the same count gives the same apps.
 */
export function clientFleetApps(count: number, certificateValidity: string): AppFixtureInput[] {
  return Array.from({ length: count }, (_, i) => clientFleetApp(i, certificateValidity));
}

export function clientFleetAppNames(count: number): string[] {
  return Array.from({ length: count }, (_, i) => clientFleetName(i));
}

function clientFleetName(i: number): string {
  return `client-app-${String(i + 1).padStart(2, "0")}`;
}

/** Database sizes (MB), in turn: they only matter to the server engine's data step. */
const DATABASE_MB = [128, 512, 64, 1024, 256];

function clientFleetApp(i: number, certificateValidity: string): AppFixtureInput {
  const name = clientFleetName(i);
  const mysql = i % 4 === 3;
  const redis = i % 3 === 1;
  const database = mysql
    ? { providerId: "mysql", plan: "mysql-starter-512", version: "8.0.36", sizeMb: DATABASE_MB[i % DATABASE_MB.length] }
    : { providerId: "postgresql", plan: i % 2 ? "postgresql-business-512" : "postgresql-starter-512", version: "15.6.0", sizeMb: DATABASE_MB[i % DATABASE_MB.length] };
  const addonDrain = i % 4 === 0 ? [{ type: "syslog", url: `syslog+tls://db-logs-${i + 1}.example.com:6514` }] : [];
  const notifier = i % 2 === 0 ? [{ name: "Ops webhook", type: "webhook", selectedEvents: ["deployment"], webhookUrl: `https://hooks.example.com/${name}` }] : [];
  const worker = i % 3 !== 0;
  return {
    name,
    region: "osc-fr1",
    forceHttps: i % 2 === 0,
    stickySession: i % 5 === 2,
    routerLogs: i % 3 === 0,
    ...(i % 5 === 4 ? { project: `team-${(i % 3) + 1}` } : {}),
    env: {
      NODE_ENV: "production",
      DATABASE_URL: mysql ? "$SCALINGO_MYSQL_URL" : "$SCALINGO_POSTGRESQL_URL",
      ...(redis ? { CACHE_URL: "$SCALINGO_REDIS_URL" } : {}),
      ...(i % 2 ? { LOG_LEVEL: "info", WEB_CONCURRENCY: String(2 + (i % 3)) } : {}),
    },
    addons: [{ ...database, logDrains: addonDrain }, ...(redis ? [{ providerId: "redis", plan: "redis-starter-256", version: "7.2.4" }] : [])],
    domains: [
      { name: `${name}.example.com`, canonical: true, letsencryptEnabled: true, validity: certificateValidity },
      ...(i % 2 ? [{ name: `www.${name}.example.com`, letsencryptEnabled: true, validity: certificateValidity }] : []),
    ],
    collaborators: [
      { email: `owner-${i + 1}@example.com`, username: `owner${i + 1}`, status: "accepted" as const },
      ...(i % 3 === 2 ? [{ email: `intern-${i + 1}@example.com`, username: `intern${i + 1}`, status: "pending" as const, isLimited: true }] : []),
    ],
    notifiers: notifier,
    alerts: notifier.length ? [{ containerType: "web", metric: "5XX", limit: 5 + i, notifiers: ["Ops webhook"] }] : [],
    logDrains: i % 3 === 0 ? [{ type: "syslog", url: `syslog+tls://logs-${i + 1}.example.com:6514` }] : [],
    autoscalers: i % 4 === 1 ? [{ containerType: "web", metric: "cpu", target: 0.7, minContainers: 1, maxContainers: 4 }] : [],
    formation: [
      { name: "web", amount: 1 + (i % 2), size: i % 4 === 2 ? "L" : "M", command: "npm start" },
      ...(worker ? [{ name: "worker", amount: 1, size: i % 2 ? "S" : "M", command: "node worker.js" }] : []),
    ],
    scm: { type: "github", owner: "example-org", repo: name, branch: i % 3 === 2 ? "production" : "main", autoDeployEnabled: i % 4 !== 2 },
    lastDeployment: { gitRef: `c0ffee${String(i + 1).padStart(2, "0")}4f2a9c1e7b3d` },
  };
}
