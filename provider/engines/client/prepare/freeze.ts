import { about } from "../errors";
import type { MigrationRun } from "../run";

/**
 * The "freeze" the public API allows: the source's SCM auto-deploy and review apps turned off
 * (there is no read-only mode any more). The flags as they were are recorded durably BEFORE the
 * change, so abort can put them back even after a kill -9 between the two.
 */
export async function freezeSource(run: MigrationRun): Promise<void> {
  const { src, record } = run;
  const label = `SCM link of ${run.srcApp} on ${record.sourceRegion}`;
  const link = await about(label, "GET /v1/apps/:app/scm_repo_link", () => src.scm.show(run.srcApp));
  if (!record.freeze) {
    record.freeze = { scm: link ? { autoDeployEnabled: link.autoDeployEnabled, deployReviewAppsEnabled: link.deployReviewAppsEnabled } : null };
    run.save();
  }
  if (link && (link.autoDeployEnabled || link.deployReviewAppsEnabled)) {
    await about(label, "PATCH /v1/apps/:app/scm_repo_link (auto_deploy_enabled, deploy_review_apps_enabled: false)", () =>
      src.scm.update(run.srcApp, { autoDeployEnabled: false, deployReviewAppsEnabled: false }),
    );
  }
  run.manual({
    id: "freeze",
    action: `Make no change to ${run.srcApp} (variables, domains, code) until finalize, or expect finalize to copy variables and domains again`,
    why: "the public API has no read-only mode: only SCM auto-deploy and review apps were turned off",
    blocking: false,
  });
}

/** Puts back the SCM flags the freeze turned off (abort). */
export async function unfreezeSource(run: MigrationRun): Promise<void> {
  const { src, record } = run;
  const recorded = record.freeze?.scm;
  if (!recorded) return;
  const label = `SCM link of ${run.srcApp} on ${record.sourceRegion}`;
  const link = await about(label, "GET /v1/apps/:app/scm_repo_link", () => src.scm.show(run.srcApp));
  if (!link) return;
  if (link.autoDeployEnabled !== recorded.autoDeployEnabled || link.deployReviewAppsEnabled !== recorded.deployReviewAppsEnabled) {
    await about(label, "PATCH /v1/apps/:app/scm_repo_link (restore auto-deploy and review apps)", () => src.scm.update(run.srcApp, recorded));
  }
}
