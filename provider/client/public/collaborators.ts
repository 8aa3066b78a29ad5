import { z } from "zod";
import { seg, type CallOptions } from "./connection";
import type { RegionChannel } from "./region-channel";
import { flag, parseAnswer, text } from "./wire";

/**
 * A collaborator or an invitation (the owner is not listed). The invitation link is not kept:
 * it opens the invitation to whoever holds it.
 */
export interface Collaborator {
  id: string;
  email: string;
  username: string;
  /** `pending` (invited), `accepted`, or `user account deleted`. */
  status: string;
  isLimited: boolean;
}

const collaboratorFields = z
  .object({ id: z.string(), email: z.string(), username: text, status: text, is_limited: flag })
  .transform((c): Collaborator => ({ id: c.id, email: c.email, username: c.username, status: c.status, isLimited: c.is_limited }));
const listSchema = z.object({ collaborators: z.array(collaboratorFields) }).transform((b) => b.collaborators);
// DEVDOC's example answers an array, go-scalingo decodes an object (§6): either is read.
const oneSchema = z
  .object({ collaborator: z.union([collaboratorFields, z.tuple([collaboratorFields]).transform(([c]) => c)]) })
  .transform((b) => b.collaborator);

/** Collaborators: only invitations can be created; each person accepts their own. */
export class Collaborators {
  constructor(private readonly channel: RegionChannel) {}

  async list(app: string, options?: CallOptions): Promise<Collaborator[]> {
    return parseAnswer(listSchema, await this.channel.call({ method: "GET", path: `/v1/apps/${seg(app)}/collaborators` }, options));
  }

  /** Sends an invitation e-mail; the collaborator is `pending` until they accept. */
  async invite(app: string, email: string, isLimited: boolean, options?: CallOptions): Promise<Collaborator> {
    const body = { collaborator: { email, is_limited: isLimited } };
    return parseAnswer(oneSchema, await this.channel.call({ method: "POST", path: `/v1/apps/${seg(app)}/collaborators`, body }, options));
  }

  async setLimited(app: string, collaboratorId: string, isLimited: boolean, options?: CallOptions): Promise<Collaborator> {
    const body = { collaborator: { is_limited: isLimited } };
    const path = `/v1/apps/${seg(app)}/collaborators/${seg(collaboratorId)}`;
    return parseAnswer(oneSchema, await this.channel.call({ method: "PATCH", path, body }, options));
  }

  async delete(app: string, collaboratorId: string, options?: CallOptions): Promise<void> {
    await this.channel.call({ method: "DELETE", path: `/v1/apps/${seg(app)}/collaborators/${seg(collaboratorId)}` }, options);
  }
}
