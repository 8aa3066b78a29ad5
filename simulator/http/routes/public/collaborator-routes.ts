import { z } from "zod";
import { changeRole, collaboratorById, invite, removeCollaborator } from "../../../world/public/collaborator-ops";
import type { App, Collaborator } from "../../../world/types";
import { empty, json, type ApiResponse } from "../../api-response";
import { parseBody } from "../../request-schemas";
import type { RouteContext, Router } from "../../router";
import { callerApp } from "../app-routes";
import { callerId } from "./route-helpers";

/** Collaborators (§2.4): invitations only; the owner is not listed. */
export function addCollaboratorRoutes(router: Router): Router {
  return router
    .add("GET", "/v1/apps/:app/collaborators", "bearer", list)
    .add("POST", "/v1/apps/:app/collaborators", "bearer", create)
    .add("PATCH", "/v1/apps/:app/collaborators/:id", "bearer", update)
    .add("DELETE", "/v1/apps/:app/collaborators/:id", "bearer", remove);
}

const inviteBody = z.object({ collaborator: z.object({ email: z.string(), is_limited: z.boolean().optional() }) });
const updateBody = z.object({ collaborator: z.object({ is_limited: z.boolean() }) });

function list(ctx: RouteContext): ApiResponse {
  const app = callerApp(ctx);
  return json(200, { collaborators: app.collaborators.map((c) => collaboratorJson(app, c)) });
}

function create(ctx: RouteContext): ApiResponse {
  const app = callerApp(ctx);
  const { collaborator: input } = parseBody(inviteBody, ctx.call);
  const created = invite(app, ctx.core.world.account(app.ownerId), input.email, input.is_limited ?? false, callerId(ctx));
  // DEVDOC's example shows an array; go-scalingo decodes an object, which the simulator sends (§6).
  return json(201, { collaborator: collaboratorJson(app, created) });
}

function update(ctx: RouteContext): ApiResponse {
  const app = callerApp(ctx);
  const { collaborator: input } = parseBody(updateBody, ctx.call);
  return json(200, { collaborator: collaboratorJson(app, changeRole(app, collaboratorById(app, ctx.params.id), input.is_limited, callerId(ctx))) });
}

function remove(ctx: RouteContext): ApiResponse {
  const app = callerApp(ctx);
  removeCollaborator(app, collaboratorById(app, ctx.params.id), callerId(ctx));
  return empty(204);
}

function collaboratorJson(app: App, c: Collaborator) {
  return {
    id: c.id,
    app_id: app.id,
    app_name: app.name,
    email: c.email,
    username: c.username,
    status: c.status,
    user_id: c.userId,
    is_limited: c.isLimited,
    ...(c.status === "pending" ? { invitation_link: `https://dashboard.scalingo.com/apps/collaboration?token=${c.invitationToken}` } : {}),
  };
}
