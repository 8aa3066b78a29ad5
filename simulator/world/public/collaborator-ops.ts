import { InvalidError, NotFoundError } from "../../domain-errors";
import { requireWritable } from "../app-operations";
import { prefixedId, randomObjectId } from "../ids";
import type { Account, App, Collaborator } from "../types";
import { recordEvent } from "./app-activity";

/** Collaborators (§2.4): an invitation is the only way in; it stays pending until accepted. */

export function collaboratorById(app: App, id: string): Collaborator {
  const collaborator = app.collaborators.find((c) => c.id === id);
  if (!collaborator) throw new NotFoundError("collaborator");
  return collaborator;
}

export function invite(app: App, owner: Account | undefined, email: string, isLimited: boolean, userId: string): Collaborator {
  requireWritable(app);
  if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) throw new InvalidError("email", "is not a valid email address");
  if (owner && owner.email === email) throw new InvalidError("email", "is the owner of the app");
  if (app.collaborators.some((c) => c.email === email)) throw new InvalidError("email", "is already a collaborator of this app");
  const collaborator: Collaborator = {
    id: prefixedId("co"),
    email,
    username: "",
    status: "pending",
    isLimited,
    userId: "",
    invitationToken: randomObjectId(),
  };
  app.collaborators.push(collaborator);
  recordEvent(app, "new_collaborator", userId, { collaborator: { email, is_limited: isLimited } });
  return collaborator;
}

export function changeRole(app: App, collaborator: Collaborator, isLimited: boolean, userId: string): Collaborator {
  requireWritable(app);
  collaborator.isLimited = isLimited;
  recordEvent(app, "change_collaborator_role", userId, { collaborator: { email: collaborator.email, is_limited: isLimited } });
  return collaborator;
}

export function removeCollaborator(app: App, collaborator: Collaborator, userId: string): void {
  requireWritable(app);
  app.collaborators = app.collaborators.filter((c) => c !== collaborator);
  recordEvent(app, "delete_collaborator", userId, { collaborator: { email: collaborator.email } });
}
