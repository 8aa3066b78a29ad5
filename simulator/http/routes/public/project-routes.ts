import { z } from "zod";
import { InvalidError } from "../../../domain-errors";
import { prefixedId } from "../../../world/ids";
import { projectsOf } from "../../../world/projects";
import type { Project } from "../../../world/types";
import { json, type ApiResponse } from "../../api-response";
import { parseBody } from "../../request-schemas";
import { calledRegion, caller, type RouteContext, type Router } from "../../router";

/** Projects (§2.1): per account and per region; an app is created in one. */
export function addProjectRoutes(router: Router): Router {
  return router.add("GET", "/v1/projects", "bearer", listProjects).add("POST", "/v1/projects", "bearer", createProject);
}

const createBody = z.object({ project: z.object({ name: z.string().min(1), default: z.boolean().optional() }) });

function listProjects(ctx: RouteContext): ApiResponse {
  return json(200, { projects: projectsOf(ctx.core.world.current, calledRegion(ctx).name, caller(ctx).id).map((p) => projectJson(ctx, p)) });
}

function createProject(ctx: RouteContext): ApiResponse {
  const { project: input } = parseBody(createBody, ctx.call);
  const region = calledRegion(ctx).name;
  const owner = caller(ctx);
  const projects = projectsOf(ctx.core.world.current, region, owner.id);
  if (projects.some((p) => p.name === input.name)) throw new InvalidError("name", "has already been taken");
  if (input.default) for (const p of projects) p.default = false;
  const project: Project = { id: prefixedId("pr"), name: input.name, region, ownerId: owner.id, default: input.default ?? false, createdAt: new Date().toISOString() };
  ctx.core.world.current.projects.push(project);
  return json(201, { project: projectJson(ctx, project) });
}

function projectJson(ctx: RouteContext, p: Project) {
  const owner = ctx.core.world.account(p.ownerId);
  return {
    id: p.id,
    name: p.name,
    default: p.default,
    flags: {},
    created_at: p.createdAt,
    updated_at: p.createdAt,
    owner: { id: p.ownerId, username: owner?.username ?? "", email: owner?.email ?? "" },
  };
}
