import type { Migration, SubStep } from "./types";

/** A migration as the API shows it: a bare object, snake_case. */
export interface MigrationJson {
  id: string;
  src_app_name: string;
  dst_app_name: string;
  app_id: string;
  new_app_id: string | null;
  source: string;
  destination: string;
  status: string;
  started_at: string;
  finished_at: string | null;
  steps: SubStep[];
}

export function migrationJson(m: Migration): MigrationJson {
  return {
    id: m.id,
    src_app_name: m.srcAppName,
    dst_app_name: m.dstAppName,
    app_id: m.appId,
    new_app_id: m.newAppId,
    source: m.source,
    destination: m.destination,
    status: m.status,
    started_at: m.startedAt,
    finished_at: m.finishedAt,
    steps: m.steps.map((s) => ({ ...s })),
  };
}
