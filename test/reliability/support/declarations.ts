import { randomUUID } from "node:crypto";

export type Props = Record<string, unknown>;

/** Steps a migration to `finalize` runs with migrateData: preflight, prepare, data, finalize. */
export const STEPS_TO_FINALIZE = 4;

/**
 * An AppMigration declaration as check() receives it. Each gets an owner of its own: the
 * intent journal is keyed by owner, and scenarios must not see each other's intents.
 */
export function declaration(app: string, extra: Props = {}): Props {
  return {
    app,
    sourceRegion: "osc-fr1",
    destinationRegion: "osc-secnum-fr1",
    stage: "finalize",
    owner: `reliability/${randomUUID().slice(0, 8)}/${app}-migration`,
    ...extra,
  };
}
