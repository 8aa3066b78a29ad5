import { z } from "zod";
import { createSource, deployArchive, deploymentById } from "../../../world/public/deployment-ops";
import { sourcePath } from "../../../world/public/storage";
import type { App, Deployment } from "../../../world/types";
import { json, text, type ApiResponse } from "../../api-response";
import { parseBody } from "../../request-schemas";
import { calledRegion, caller, type RouteContext, type Router } from "../../router";
import { callerApp } from "../app-routes";
import { callerId, paginate, regionBase } from "./route-helpers";

/** Sources and deployments (§2.8). */
export function addDeploymentRoutes(router: Router): Router {
  return router
    .add("POST", "/v1/sources", "bearer", createSourceRoute)
    .add("GET", "/v1/apps/:app/deployments", "bearer", list)
    .add("POST", "/v1/apps/:app/deployments", "bearer", create)
    .add("GET", "/v1/apps/:app/deployments/:id", "bearer", show)
    .add("GET", "/v1/apps/:app/deployments/:id/output", "bearer", output);
}

const createBody = z.object({
  deployment: z.object({ source_url: z.string(), git_ref: z.string().nullish(), postdeploy_hook: z.string().nullish() }),
});

function createSourceRoute(ctx: RouteContext): ApiResponse {
  const source = createSource(ctx.core.publicApi, calledRegion(ctx).name);
  const path = sourcePath(source);
  return json(201, {
    source: {
      upload_url: ctx.core.signer.sign(ctx.publicUrl, "PUT", path, source.expiresAtMs),
      download_url: ctx.core.signer.sign(ctx.publicUrl, "GET", path, source.expiresAtMs),
    },
  });
}

function list(ctx: RouteContext): ApiResponse {
  const app = callerApp(ctx);
  const page = paginate([...app.deployments].reverse(), ctx.call.query);
  return json(200, { deployments: page.items.map((d) => deploymentJson(ctx, app, d)), meta: page.meta });
}

function show(ctx: RouteContext): ApiResponse {
  const app = callerApp(ctx);
  return json(200, { deployment: deploymentJson(ctx, app, deploymentById(app, ctx.params.id)) });
}

/** DEVDOC says 200; go-scalingo expects 201, which the simulator answers (§6). */
function create(ctx: RouteContext): ApiResponse {
  const app = callerApp(ctx);
  const { deployment: input } = parseBody(createBody, ctx.call);
  const deployment = deployArchive(ctx.core.publicApi, app, input.source_url, input.git_ref ?? undefined, callerId(ctx));
  return json(201, { deployment: deploymentJson(ctx, app, deployment) });
}

function output(ctx: RouteContext): ApiResponse {
  const deployment = deploymentById(callerApp(ctx), ctx.params.id);
  return text(200, `${(deployment.output ?? []).join("\n")}\n`);
}

export function deploymentJson(ctx: RouteContext, app: App, d: Deployment) {
  const pusher = d.pusherId ? ctx.core.world.account(d.pusherId) : undefined;
  const user = pusher ?? caller(ctx);
  const finished = d.finishedAt ? Date.parse(d.finishedAt) : Date.now();
  return {
    id: d.id,
    app_id: app.id,
    created_at: d.createdAt,
    status: d.status,
    git_ref: d.gitRef,
    image: "",
    registry: "",
    duration: Math.max(0, Math.round((finished - Date.parse(d.createdAt)) / 1000)),
    postdeploy_hook: "",
    image_size: d.imageSize ?? 0,
    stack_base_image: `scalingo/${app.stack}`,
    pusher: { id: user.id, username: user.username, email: user.email },
    links: { output: `${regionBase(ctx)}/v1/apps/${app.name}/deployments/${d.id}/output` },
  };
}
