import { objectBytes, storedObject } from "../../../world/public/storage";
import { bytes, empty, text, type ApiResponse } from "../../api-response";
import type { RouteContext, Router } from "../../router";
import { serveLogs } from "./activity-routes";

/**
 * Pre-signed URLs, outside any region (they stand for object storage and the log service): no
 * bearer, the signature and expiry in the query. Errors are S3-like plain text.
 */
export function addStorageRoutes(router: Router): Router {
  return router
    .add("PUT", "/_storage/sources/:id", "none", upload)
    .add("GET", "/_storage/sources/:id", "none", download)
    .add("GET", "/_storage/backups/:id", "none", download)
    .add("GET", "/_logs/:app", "none", serveLogs);
}

function refused(ctx: RouteContext): ApiResponse | null {
  const verdict = ctx.core.signer.check(ctx.call.method, ctx.call.path, ctx.call.query, ctx.core.publicApi.now());
  if (verdict === "ok") return null;
  return text(403, verdict === "expired" ? "AccessDenied: Request has expired\n" : "SignatureDoesNotMatch\n");
}

function upload(ctx: RouteContext): ApiResponse {
  const denied = refused(ctx);
  if (denied) return denied;
  const object = storedObject(ctx.core.world, ctx.call.path);
  if (!object || object.kind !== "source") return text(404, "NoSuchKey\n");
  object.source.archive = ctx.call.rawBody.toString("base64");
  return empty(200);
}

function download(ctx: RouteContext): ApiResponse {
  const denied = refused(ctx);
  if (denied) return denied;
  const object = storedObject(ctx.core.world, ctx.call.path);
  const body = object ? objectBytes(object) : null;
  if (!body) return text(404, "NoSuchKey\n");
  return bytes(200, body, "application/x-gzip");
}
