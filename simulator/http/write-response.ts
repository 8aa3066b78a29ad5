import type { ServerResponse } from "node:http";
import type { ApiResponse } from "./api-response";

export function writeResponse(res: ServerResponse, response: ApiResponse): void {
  if (res.destroyed || res.headersSent) return;
  if (response.kind === "empty") {
    res.writeHead(response.status);
    res.end();
    return;
  }
  const payload = Buffer.from(responseText(response), "utf8");
  res.writeHead(response.status, {
    "Content-Type": response.kind === "json" ? "application/json; charset=utf-8" : response.contentType,
    "Content-Length": payload.length,
  });
  res.end(payload);
}

/** The body as the client receives it. */
export function responseText(response: ApiResponse): string {
  if (response.kind === "empty") return "";
  return response.kind === "json" ? JSON.stringify(response.body) : response.body;
}
