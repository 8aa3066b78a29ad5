import { BoundedList } from "./bounded-list";

/** One request as the admin API and `Simulator.requests()` report it; never headers or bodies. */
export interface RequestLogEntry {
  method: string;
  /** Path inside the service (region prefix removed), without query string. */
  path: string;
  /** 0 when the connection was dropped before an answer was decided. */
  status: number;
  /** ISO-8601 time the request arrived. */
  time: string;
  durationMs: number;
  /** The region API called, or null for the auth service. */
  region: string | null;
  /** Set when a fault rule changed what the client saw. */
  fault?: "latency" | "error" | "drop-before" | "drop-after";
  /** Set when the client had closed the connection before the answer (its timeout fired). */
  abandoned?: true;
}

export class RequestLog extends BoundedList<RequestLogEntry> {
  constructor() {
    super(10_000, (e) => ({ ...e }));
  }
}
