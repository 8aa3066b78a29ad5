import { newTally } from "../copied";
import { about } from "../errors";
import type { MigrationRun } from "../run";

/**
 * Accepted collaborators are invited with the same role (limited or not); pending invitations
 * are not copied (as the old tool). Each person must accept: a manual action each. An email
 * already invited is not invited again.
 */
export async function reconcileCollaborators(run: MigrationRun): Promise<void> {
  const { src, dst } = run;
  const sources = await about(`collaborators of ${run.srcApp}`, "GET /v1/apps/:app/collaborators", () => run.sourceRead("collaborators", () => src.collaborators.list(run.srcApp)));
  const present = await about(`collaborators of ${run.dstApp}`, "GET /v1/apps/:app/collaborators", () => run.destination.read("collaborators", () => dst.collaborators.list(run.dstApp), []));
  const tally = newTally();
  for (const person of sources) {
    if (person.status !== "accepted") {
      tally.skipped.push(`${person.email}: invitation not accepted on the source`);
      continue;
    }
    const label = `collaborator ${person.email} of ${run.dstApp}`;
    const there = present.find((p) => p.email.toLowerCase() === person.email.toLowerCase());
    if (!there) await about(label, "POST /v1/apps/:app/collaborators", () => dst.collaborators.invite(run.dstApp, person.email, person.isLimited));
    else if (there.isLimited !== person.isLimited) await about(label, "PATCH /v1/apps/:app/collaborators/:id", () => dst.collaborators.setLimited(run.dstApp, there.id, person.isLimited));
    tally.copied.push(person.email);
    if (there?.status !== "accepted") {
      run.manual({
        id: `collaborator:${person.email}`,
        action: `${person.email} must accept the invitation to ${run.dstApp} on ${run.record.destinationRegion}`,
        why: "the public API can only invite",
        blocking: false,
      });
    }
  }
  run.tally("collaborators", tally);
}
