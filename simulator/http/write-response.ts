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
  const isJson = response.kind === "json";
  const payload = response.kind === "bytes" ? response.body : Buffer.from(isJson ? JSON.stringify(response.body) : response.body, "utf8");
  res.writeHead(response.status, {
    ...extra,
    "Content-Type": isJson ? "application/json; charset=utf-8" : response.contentType,
    "Content-Length": payload.length,
  });
  res.end(payload);
}
