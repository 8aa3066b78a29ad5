import { z } from "zod";
import { deleteVariables, listVariables, setVariable, setVariables, updateVariable } from "../../../world/public/variable-ops";
import { empty, json, type ApiResponse } from "../../api-response";
import { jsonBody } from "../../incoming-call";
import { parseBody } from "../../request-schemas";
import type { RouteContext, Router } from "../../router";
import { callerApp } from "../app-routes";
import { callerId } from "./route-helpers";

/** Environment variables (§2.3). */
export function addVariableRoutes(router: Router): Router {
  return router
    .add("GET", "/v1/apps/:app/variables", "bearer", list)
    .add("POST", "/v1/apps/:app/variables", "bearer", create)
    .add("PUT", "/v1/apps/:app/variables", "bearer", bulkSet)
    .add("DELETE", "/v1/apps/:app/variables", "bearer", bulkDelete)
    .add("PATCH", "/v1/apps/:app/variables/:id", "bearer", update)
    .add("PUT", "/v1/apps/:app/variables/:id", "bearer", update)
    .add("DELETE", "/v1/apps/:app/variables/:id", "bearer", remove);
}

const variable = z.object({ name: z.string(), value: z.string() });
const createBody = z.object({ variable });
const bulkBody = z.object({ variables: z.array(variable).min(1) });
const updateBody = z.object({ variable: z.object({ value: z.string() }) });
const bulkDeleteBody = z.object({ variable_ids: z.array(z.string()).min(1) });

function list(ctx: RouteContext): ApiResponse {
  // Aliases stay unexpanded unless the caller asks otherwise (`aliases=false`).
  const aliases = ctx.call.query.get("aliases") !== "false";
  return json(200, { variables: listVariables(callerApp(ctx), aliases) });
}

function create(ctx: RouteContext): ApiResponse {
  const { variable: input } = parseBody(createBody, ctx.call);
  const { variable: created, created: isNew } = setVariable(callerApp(ctx), input.name, input.value, callerId(ctx));
  return json(isNew ? 201 : 200, { variable: created });
}

function bulkSet(ctx: RouteContext): ApiResponse {
  const { variables } = parseBody(bulkBody, ctx.call);
  return json(200, { variables: setVariables(callerApp(ctx), variables, callerId(ctx)) });
}

function update(ctx: RouteContext): ApiResponse {
  const { variable: input } = parseBody(updateBody, ctx.call);
  return json(200, { variable: updateVariable(callerApp(ctx), ctx.params.id, input.value, callerId(ctx)) });
}

function remove(ctx: RouteContext): ApiResponse {
  deleteVariables(callerApp(ctx), [ctx.params.id], callerId(ctx));
  return empty(204);
}

/** `{variable_ids: [...]}` in the body, or `variable_ids[]=…` in the query (DELETE bodies are rare). */
function bulkDelete(ctx: RouteContext): ApiResponse {
  const fromQuery = [...ctx.call.query.getAll("variable_ids[]"), ...ctx.call.query.getAll("variable_ids")];
  const ids = fromQuery.length > 0 || jsonBody(ctx.call) === undefined ? fromQuery : parseBody(bulkDeleteBody, ctx.call).variable_ids;
  deleteVariables(callerApp(ctx), ids, callerId(ctx));
  return empty(204);
}
