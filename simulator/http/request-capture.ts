import type { IncomingHttpHeaders } from "node:http";
import { BoundedList } from "./bounded-list";

/**
 * One request whole, as the wire carried it: for suites that must prove where credentials go
 * (the request log keeps neither headers nor bodies, so a token can never be found there).
 * It holds the API token and every bearer: kept only when the simulator is started with
 * `captureRequests` (or `--capture-requests`), never printed, never saved with the state.
 */
export interface CapturedRequest {
  method: string;
  /** As the client sent it: region prefix and query string included. */
  url: string;
  headers: IncomingHttpHeaders;
  /** Empty when the body was never read (connection dropped before handling). */
  body: string;
  /** What the client was answered; 0 when the connection was dropped instead. */
  status: number;
  responseBody: string;
}

export class RequestCapture extends BoundedList<CapturedRequest> {
  constructor() {
    super(10_000, (e) => ({ ...e, headers: { ...e.headers } }));
  }
}
