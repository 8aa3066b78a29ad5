import { z } from "zod";
import { seg, type CallOptions } from "./connection";
import type { RegionChannel } from "./region-channel";
import type { Secret } from "./secret";
import { parseAnswer, secretString } from "./wire";

const logsUrlSchema = z.object({ logs_url: secretString }).transform((b) => b.logs_url);

export interface LogsRequest {
  /** How many of the last lines (Scalingo's `n`; default 100). */
  lines?: number;
  /** Only lines of this source (`one-off-1`, `web-1`, …). */
  filter?: string;
}

/** An app's logs: a pre-signed URL from the API, then plain-text lines from the log service. */
export class Logs {
  constructor(private readonly channel: RegionChannel) {}

  /** The log service's URL for the app; its query is a credential (a Secret). */
  async url(app: string, options?: CallOptions): Promise<Secret> {
    return parseAnswer(logsUrlSchema, await this.channel.call({ method: "GET", path: `/v1/apps/${seg(app)}/logs` }, options));
  }

  /** The last lines, oldest first. Two requests: one on the budget (the URL), one outside it. */
  async lines(app: string, request: LogsRequest = {}, options?: CallOptions): Promise<string[]> {
    return this.linesAt(await this.url(app, options), request);
  }

  /** The last lines from a log service URL got from `url()` (no request on the budget; it expires). */
  async linesAt(url: Secret, request: LogsRequest = {}): Promise<string[]> {
    const query: Record<string, string> = { n: String(request.lines ?? 100) };
    if (request.filter) query.filter = request.filter;
    const answer = await this.channel.signedUrl(url, "logs URL", { method: "GET", query });
    return String(answer.body)
      .split("\n")
      .filter((line) => line !== "");
  }
}
