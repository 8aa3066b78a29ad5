import { newTally } from "../copied";
import { about } from "../errors";
import type { MigrationRun } from "../run";

/**
 * The destination linked to the same repository, branch and flags, through the same
 * integration (integrations are account-wide). Auto-deploy is kept off until finalize would be
 * nicer, but the old tool copied the flags as they were: the freeze of the source is what stops
 * pushes from deploying twice. Returns whether the source has a link.
 */
export async function reconcileScmLink(run: MigrationRun): Promise<boolean> {
  const { dst } = run;
  const link = await about(`SCM link of ${run.srcApp}`, "GET /v1/apps/:app/scm_repo_link", () => run.sourceRead("scm", () => run.src.scm.show(run.srcApp)));
  if (!link) {
    run.tally("scmLink", { copied: [], skipped: [] });
    return false;
  }
  const label = `SCM link ${link.owner}/${link.repo} of ${run.dstApp}`;
  // The source's flags as they were before the freeze turned some off.
  const frozen = run.record.freeze?.scm;
  const settings = {
    branch: link.branch,
    autoDeployEnabled: frozen ? frozen.autoDeployEnabled : link.autoDeployEnabled,
    deployReviewAppsEnabled: frozen ? frozen.deployReviewAppsEnabled : link.deployReviewAppsEnabled,
    deleteOnCloseEnabled: link.deleteOnCloseEnabled,
    hoursBeforeDeleteOnClose: link.hoursBeforeDeleteOnClose,
    deleteStaleEnabled: link.deleteStaleEnabled,
    hoursBeforeDeleteStale: link.hoursBeforeDeleteStale,
    automaticCreationFromForksAllowed: link.automaticCreationFromForksAllowed,
  };
  const present = await about(label, "GET /v1/apps/:app/scm_repo_link", () => run.destination.read("scm", () => dst.scm.show(run.dstApp), null));
  if (!present) {
    await about(label, "POST /v1/apps/:app/scm_repo_link", () =>
      dst.scm.create(run.dstApp, { source: `${link.url.replace(/\/+$/, "")}/${link.owner}/${link.repo}`, authIntegrationUuid: link.authIntegrationUuid, ...settings }),
    );
  } else if (Object.entries(settings).some(([key, value]) => present[key as keyof typeof present] !== value)) {
    await about(label, "PATCH /v1/apps/:app/scm_repo_link", () => dst.scm.update(run.dstApp, settings));
  }
  const tally = newTally();
  tally.copied.push(`${link.owner}/${link.repo}@${link.branch}`);
  run.tally("scmLink", tally);
  run.manual({
    id: "scm:linker",
    action: `Check that the SCM link of ${run.dstApp} deploys (the linker is now the token's owner)`,
    why: "Scalingo links a repository as the user who creates the link; their integration must reach the repository",
    blocking: false,
  });
  return true;
}
