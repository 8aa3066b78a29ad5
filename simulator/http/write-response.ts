import type { ServerResponse } from "node:http";
import type { ApiResponse } from "./api-response";

export function writeResponse(res: ServerResponse, response: ApiResponse): void {
  if (res.destroyed || res.headersSent) return;
  if (response.kind === "empty") {
    res.writeHead(response.status);
    res.end();
    return;
  }
  const isJson = response.kind === "json";
  const payload = Buffer.from(isJson ? JSON.stringify(response.body) : response.body, "utf8");
  res.writeHead(response.status, {
    "Content-Type": isJson ? "application/json; charset=utf-8" : response.contentType,
    "Content-Length": payload.length,
  });
  res.end(payload);
}
