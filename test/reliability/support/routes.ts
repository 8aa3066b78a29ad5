/**
 * Every route a migration to `finalize` goes through, written as the simulator's fault rules
 * match them (paths inside the service, `*` = one segment). A fault on each of them, in turn,
 * is what "faults on every route" means in the fault matrix.
 */
export interface Route {
  name: string;
  method: "GET" | "POST";
  path: string;
  /** `null`: the auth service; absent: any region API. */
  region?: null;
}

export const ROUTES: readonly Route[] = [
  { name: "token exchange", method: "POST", path: "/v1/tokens/exchange", region: null },
  { name: "region list", method: "GET", path: "/v1/regions", region: null },
  { name: "migration list", method: "GET", path: "/v1/apps/*/region_migrations" },
  { name: "create", method: "POST", path: "/v1/apps/*/region_migrations" },
  { name: "run POST", method: "POST", path: "/v1/apps/*/region_migrations/*/run" },
  { name: "polling", method: "GET", path: "/v1/apps/*/region_migrations/*" },
  { name: "destination app", method: "GET", path: "/v1/apps/*" },
  { name: "destination domains", method: "GET", path: "/v1/apps/*/domains" },
];

/** The three phases the issue names, as routes. */
export const PHASES: readonly Route[] = ROUTES.filter((r) => ["create", "run POST", "polling"].includes(r.name));
