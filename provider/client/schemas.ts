import { z } from "zod";
import type { App, Domain, RegionMigrationStatus, Region, RegionMigration } from "./types";

/**
 * Response schemas: strict about what we use, tolerant about what we don't (unknown fields
 * pass through unread), and translating the wire's snake_case into plain types.
 */

const KNOWN_STATUSES: readonly RegionMigrationStatus[] = [
  "created",
  "preflight-success",
  "preflight-error",
  "running",
  "prepared",
  "data-migrated",
  "done",
  "error",
  "aborting",
  "aborted",
];

const migrationStatus = z
  .string()
  // Older servers said `scheduled` for `created`.
  .transform((s) => (s === "scheduled" ? "created" : s))
  .refine((s): s is RegionMigrationStatus => (KNOWN_STATUSES as readonly string[]).includes(s), {
    message: `unknown migration status (known: ${KNOWN_STATUSES.join(", ")})`,
  });

const subStep = z.object({
  id: z.string(),
  name: z.string(),
  status: z.enum(["running", "done", "error"]),
  logs: z.string().nullish().transform((l) => l ?? null),
});

export const regionMigrationSchema = z
  .object({
    id: z.string().min(1),
    src_app_name: z.string(),
    dst_app_name: z.string(),
    app_id: z.string(),
    new_app_id: z.string().nullish(),
    source: z.string(),
    destination: z.string(),
    status: migrationStatus,
    started_at: z.string().nullish(),
    finished_at: z.string().nullish(),
    steps: z.array(subStep).nullish(),
  })
  .transform(
    (m): RegionMigration => ({
      id: m.id,
      srcAppName: m.src_app_name,
      dstAppName: m.dst_app_name,
      appId: m.app_id,
      newAppId: m.new_app_id || null,
      source: m.source,
      destination: m.destination,
      status: m.status as RegionMigrationStatus,
      startedAt: m.started_at ?? "",
      finishedAt: m.finished_at || null,
      steps: m.steps ?? [],
    }),
  );

/** Create is parsed tolerantly: a bare object, a one-element array, or `{migration: {…}}`. */
export const createdMigrationSchema = z.union([
  regionMigrationSchema,
  z.tuple([regionMigrationSchema]).transform(([m]) => m),
  z.object({ migration: regionMigrationSchema }).transform((w) => w.migration),
]);

export const migrationListSchema = z.array(regionMigrationSchema);

export const tokenExchangeSchema = z.object({ token: z.string().min(1) });

export const regionsSchema = z
  .object({
    regions: z.array(
      z.object({
        name: z.string().min(1),
        display_name: z.string().nullish(),
        api: z.string().min(1),
        database_api: z.string().min(1).nullish(),
        default: z.boolean().nullish(),
      }),
    ),
  })
  .transform((r): Region[] =>
    r.regions.map((region) => ({
      name: region.name,
      displayName: region.display_name ?? region.name,
      api: region.api.replace(/\/+$/, ""),
      ...(region.database_api ? { databaseApi: region.database_api.replace(/\/+$/, "") } : {}),
      default: region.default ?? false,
    })),
  );

export const appSchema = z
  .object({
    app: z.object({
      id: z.string(),
      name: z.string(),
      region: z.string().nullish(),
      status: z.string().nullish(),
      url: z.string().nullish(),
      base_url: z.string().nullish(),
      git_url: z.string().nullish(),
    }),
  })
  .transform(
    ({ app }): App => ({
      id: app.id,
      name: app.name,
      region: app.region ?? "",
      status: app.status ?? "",
      url: app.url ?? app.base_url ?? "",
      baseUrl: app.base_url ?? app.url ?? "",
      gitUrl: app.git_url ?? "",
    }),
  );

export const domainsSchema = z
  .object({
    domains: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        ssl: z.boolean().nullish(),
        canonical: z.boolean().nullish(),
      }),
    ),
  })
  .transform((d): Domain[] =>
    d.domains.map((domain) => ({
      id: domain.id,
      name: domain.name,
      ssl: domain.ssl ?? false,
      canonical: domain.canonical ?? false,
    })),
  );

/** Scalingo's error bodies, all optional: 5xx bodies can be anything at all. */
export const errorBodySchema = z.object({
  error: z.string().optional(),
  resource: z.string().optional(),
  errors: z.record(z.string(), z.union([z.array(z.string()), z.string()])).optional(),
});
