import type { IncomingHttpHeaders, IncomingMessage } from "node:http";
import { badRequest, HttpError, json } from "./api-response";

/** What handlers see of a request: its parts, already read. */
export interface IncomingCall {
  method: string;
  /** Path inside the service (region prefix removed), without query or trailing slash. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  rawBody: Buffer;
}

const MAX_BODY_BYTES = 1024 * 1024;

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new HttpError(json(413, { error: "request body too large" }));
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

/** The parsed JSON body; an empty body reads as `undefined`. */
export function jsonBody(call: IncomingCall): unknown {
  const raw = call.rawBody.toString("utf8").trim();
  if (raw === "") return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    throw badRequest("request body is not valid JSON");
  }
}
