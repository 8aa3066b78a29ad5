import type { IncomingHttpHeaders } from "node:http";

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

const MAX_ENTRIES = 10_000;

export class RequestCapture {
  private entries: CapturedRequest[] = [];

  add(entry: CapturedRequest): void {
    this.entries.push(entry);
    if (this.entries.length > MAX_ENTRIES) this.entries.splice(0, this.entries.length - MAX_ENTRIES);
  }

  list(): CapturedRequest[] {
    return this.entries.map((e) => ({ ...e, headers: { ...e.headers } }));
  }

  clear(): void {
    this.entries = [];
  }
}
