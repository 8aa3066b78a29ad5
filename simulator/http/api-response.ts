import { ForbiddenError, InvalidError, LockedError, NotFoundError } from "../domain-errors";

/** A response decided by a handler, written later (a fault may replace or drop it). */
export type ApiResponse = (
  | { status: number; kind: "json"; body: unknown }
  | { status: number; kind: "text"; body: string; contentType: string }
  | { status: number; kind: "bytes"; body: Buffer; contentType: string }
  | { status: number; kind: "empty" }
) & { headers?: Record<string, string> };

export function json(status: number, body: unknown, headers?: Record<string, string>): ApiResponse {
  return { status, kind: "json", body, ...(headers ? { headers } : {}) };
}

export function bytes(status: number, body: Buffer, contentType: string): ApiResponse {
  return { status, kind: "bytes", body, contentType };
}

export function text(status: number, body: string, contentType = "text/plain"): ApiResponse {
  return { status, kind: "text", body, contentType };
}

export function empty(status: number, headers?: Record<string, string>): ApiResponse {
  return { status, kind: "empty", ...(headers ? { headers } : {}) };
}

/** Thrown by handlers to answer with this response. */
export class HttpError extends Error {
  constructor(readonly response: ApiResponse) {
    super(`HTTP ${response.status}`);
  }
}

export function badRequest(message: string): HttpError {
  return new HttpError(json(400, { error: message }));
}

export function unauthorized(message: string): HttpError {
  return new HttpError(json(401, { error: message }));
}

export const INTERNAL_ERROR_BODY = { error: "Internal error occured, we're on it!" };

/** The contract's body for each refusal; anything unexpected is a 500. */
export function errorToResponse(error: unknown): ApiResponse {
  if (error instanceof HttpError) return error.response;
  if (error instanceof NotFoundError) return json(404, { resource: error.resource, error: "not found" });
  if (error instanceof InvalidError) return json(422, { errors: { [error.field]: [error.message] } });
  if (error instanceof LockedError) return json(423, { error: error.message });
  if (error instanceof ForbiddenError) return json(403, { error: error.message });
  return json(500, INTERNAL_ERROR_BODY);
}
