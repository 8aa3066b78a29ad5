import { empty, json, type ApiResponse } from "../api-response";
import { failuresBody, faultsBody, stepDurationsBody } from "../admin-schemas";
import { parseBody } from "../request-schemas";
import { Router, type RouteContext } from "../router";
import { addPublicAdminRoutes } from "./public-admin-routes";

/** Test controls under `/_simulator/`: no auth, loopback callers only, not rate limited or logged. */
export function adminRoutes(): Router {
  return addPublicAdminRoutes(new Router())
    .add("GET", "/_simulator/requests", "none", (ctx) => json(200, { requests: ctx.core.requestLog.list() }))
    .add("DELETE", "/_simulator/requests", "none", (ctx) => {
      ctx.core.requestLog.clear();
      ctx.core.requestCapture?.clear();
      return empty(204);
    })
    .add("GET", "/_simulator/captured-requests", "none", (ctx) =>
      ctx.core.requestCapture
        ? json(200, { requests: ctx.core.requestCapture.list() })
        : json(409, { error: "the simulator was started without --capture-requests (captureRequests)" }),
    )
    .add("GET", "/_simulator/faults", "none", listFaults)
    .add("POST", "/_simulator/faults", "none", setFaults)
    .add("DELETE", "/_simulator/faults", "none", (ctx) => {
      ctx.core.faults.clear();
      return empty(204);
    })
    .add("GET", "/_simulator/failures", "none", listFailures)
    .add("POST", "/_simulator/failures", "none", addFailures)
    .add("DELETE", "/_simulator/failures", "none", (ctx) => {
      ctx.core.failures.clear();
      return empty(204);
    })
    .add("GET", "/_simulator/step-durations", "none", (ctx) => json(200, { stepDurations: ctx.core.durations.all() }))
    .add("POST", "/_simulator/step-durations", "none", setStepDurations)
    .add("GET", "/_simulator/state", "none", (ctx) => json(200, ctx.core.stateSnapshot()))
    .add("POST", "/_simulator/reset", "none", (ctx) => {
      ctx.core.reset();
      return empty(204);
    });
}

function listFaults(ctx: RouteContext): ApiResponse {
  return json(200, { faults: ctx.core.faults.list() });
}

function setFaults(ctx: RouteContext): ApiResponse {
  ctx.core.setFaults(parseBody(faultsBody, ctx.call).faults);
  return listFaults(ctx);
}

function listFailures(ctx: RouteContext): ApiResponse {
  return json(200, { failures: ctx.core.failures.list() });
}

function addFailures(ctx: RouteContext): ApiResponse {
  for (const failure of parseBody(failuresBody, ctx.call).failures) ctx.core.failSubStep(failure);
  return listFailures(ctx);
}

function setStepDurations(ctx: RouteContext): ApiResponse {
  ctx.core.setStepDurations(parseBody(stepDurationsBody, ctx.call));
  return json(200, { stepDurations: ctx.core.durations.all() });
}
