import { postOutcomeUnknown, ScalingoHttpError } from "../../client/errors";
import type { RequestHints, RequestPriority } from "../../client/request-gate";
import type { ScalingoClient } from "../../client/scalingo-client";
import type { MigrationStepName } from "../../client/types";
import type { MigrationSnapshot } from "../../migration/snapshot";
import { isFinal, type Stage } from "../../migration/stages";
import { snapshotOf, withDestinationApp } from "./snapshot-of";

/** The migration is over: reading its new app holds nothing up on the server. */
const NOTHING_AHEAD: RequestHints = { workAheadMs: 0 };

/**
 * One app's region migrations on its source region, in the shared model. The writes are
 * reconciled: a POST whose answer was lost is followed by a read, and sent again only when
 * the read shows it did not land (at most `resends` times), so that a dropped connection never
 * makes a second migration or runs a step twice.
 */
export class RegionMigrations {
  constructor(
    private readonly client: ScalingoClient,
    private readonly where: { sourceRegion: string; app: string },
    private readonly resends = 3,
  ) {}

  /** Undefined when the region no longer knows the migration. */
  async find(id: string, reachedBefore: Stage | null, priority: RequestPriority = "read", hints: RequestHints = {}): Promise<MigrationSnapshot | undefined> {
    const found = await this.client.findMigration(this.where.sourceRegion, this.where.app, id, priority, hints);
    return found && snapshotOf(found, reachedBefore);
  }

  async get(id: string, reachedBefore: Stage | null, priority: RequestPriority, hints: RequestHints = {}): Promise<MigrationSnapshot> {
    return snapshotOf(await this.client.getMigration(this.where.sourceRegion, this.where.app, id, priority, hints), reachedBefore);
  }

  /** Every migration of the app; none of them carries a stage reached by this resource. */
  async list(hints: RequestHints = {}): Promise<MigrationSnapshot[]> {
    return (await this.client.listMigrations(this.where.sourceRegion, this.where.app, hints)).map((m) => snapshotOf(m, null));
  }

  /** `knownIds`: the app's migrations before this one, to tell a lost create's result from them. */
  async create(destination: { region: string; appName: string }, knownIds: readonly string[], hints: RequestHints = {}): Promise<MigrationSnapshot> {
    const { sourceRegion, app } = this.where;
    const known = new Set(knownIds);
    for (let resend = 0; ; resend++) {
      try {
        return snapshotOf(await this.client.createMigration(sourceRegion, app, { destination: destination.region, dstAppName: destination.appName }, hints), null);
      } catch (error) {
        if (!postOutcomeUnknown(error) || resend >= this.resends) throw error;
        const appeared = (await this.list(hints)).find((m) => !known.has(m.id) && m.destination.region === destination.region && !isFinal(m.status));
        if (appeared) return appeared;
      }
    }
  }

  /**
   * Runs a step. `observed` is the migration as seen before asking: every run appends
   * sub-steps (and most move the status), which is how a lost answer is told from a lost request.
   */
  async run(observed: MigrationSnapshot, step: MigrationStepName, hints: RequestHints = {}): Promise<void> {
    const { sourceRegion, app } = this.where;
    for (let resend = 0; ; resend++) {
      try {
        await this.client.runMigrationStep(sourceRegion, app, observed.id, step, hints);
        return;
      } catch (error) {
        const unknown = postOutcomeUnknown(error);
        // The resend was refused because the first one did land after all.
        const refusedAfterResend = resend > 0 && error instanceof ScalingoHttpError && error.status === 422;
        if (!(unknown || refusedAfterResend) || resend >= this.resends) throw error;
        const current = await this.get(observed.id, observed.reachedStage, "write", hints);
        if (current.status !== observed.status || current.steps.length > observed.steps.length) return;
        if (refusedAfterResend) throw error;
      }
    }
  }

  /** The done migration with its new app's addresses and the DNS changes they call for. */
  async withDestination(snapshot: MigrationSnapshot): Promise<MigrationSnapshot> {
    const { region, appId, appName } = snapshot.destination;
    const app = appId ?? appName;
    const [details, domains] = await Promise.all([
      this.client.getApp(region, app, NOTHING_AHEAD),
      this.client.listDomains(region, app, NOTHING_AHEAD),
    ]);
    return withDestinationApp(snapshot, details, domains);
  }
}
