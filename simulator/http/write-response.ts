import type { ServerResponse } from "node:http";
import type { ApiResponse } from "./api-response";

export function writeResponse(res: ServerResponse, response: ApiResponse): void {
  if (res.destroyed || res.headersSent) return;
  const extra = response.headers ?? {};
  if (response.kind === "empty") {
    res.writeHead(response.status, extra);
    res.end();
    return;
  }
  const payload = response.kind === "bytes" ? response.body : Buffer.from(responseText(response), "utf8");
  res.writeHead(response.status, {
    ...extra,
    "Content-Type": response.kind === "json" ? "application/json; charset=utf-8" : response.contentType,
    "Content-Length": payload.length,
  });
  res.end(payload);
}

/** The body as the client receives it. */
export function responseText(response: ApiResponse): string {
  if (response.kind === "empty") return "";
  if (response.kind === "bytes") return `<${response.body.length} bytes of ${response.contentType}>`;
  return response.kind === "json" ? JSON.stringify(response.body) : response.body;
}
