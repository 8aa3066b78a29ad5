import { z } from "zod";
import { runOneOff } from "../../../world/public/one-off-ops";
import { json, type ApiResponse } from "../../api-response";
import { parseBody } from "../../request-schemas";
import { calledRegion, type RouteContext, type Router } from "../../router";
import { containerSizeJson } from "../../../world/catalog/container-sizes";
import { callerApp } from "../app-routes";
import { operationUrl } from "./formation-routes";
import { callerId } from "./route-helpers";

/** One-off containers (§2.9); a detached one's outcome shows in the app's logs only. */
export function addRunRoutes(router: Router): Router {
  return router.add("POST", "/v1/apps/:app/run", "bearer", run);
}

const runBody = z.object({
  command: z.union([z.string(), z.array(z.string()).transform((parts) => parts.join(" "))]),
  env: z.record(z.string(), z.string()).nullish(),
  size: z.string().nullish(),
  detached: z.boolean().nullish(),
  has_uploads: z.boolean().nullish(),
});

function run(ctx: RouteContext): ApiResponse {
  const app = callerApp(ctx);
  const input = parseBody(runBody, ctx.call);
  const { oneOff, operation } = runOneOff(
    ctx.core.publicApi,
    app,
    { command: input.command, env: input.env ?? {}, size: input.size || "M", detached: input.detached ?? false },
    callerId(ctx),
  );
  const url = operationUrl(ctx, app, operation);
  return json(
    200,
    {
      container: {
        id: oneOff.id,
        app_id: app.id,
        created_at: oneOff.createdAt,
        command: oneOff.command,
        type: "one-off",
        type_index: Number(oneOff.label.replace("one-off-", "")),
        label: oneOff.label,
        state: oneOff.state,
        container_size: containerSizeJson(calledRegion(ctx).name, oneOff.size),
      },
      operation_url: url,
      // Attaching needs a TCP connection the simulator does not offer; detached runs need none.
      ...(oneOff.detached ? {} : { attach_url: `${ctx.publicUrl}/_attach/${oneOff.id}` }),
    },
    { Location: url },
  );
}
