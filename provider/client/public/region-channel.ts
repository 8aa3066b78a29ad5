import type { HttpRequest } from "../http-transport";
import type { RequestHints } from "../request-gate";
import type { Answer, ApiRequest, CallOptions, PublicConnection } from "./connection";
import type { Secret } from "./secret";

/**
 * The connection, bound to one region: what each family of a RegionApi calls through.
 * `hints`: what the caller tells the request budget about every call made through here (a
 * migration's work ahead), asked at each call; a call's own hints win.
 */
export class RegionChannel {
  constructor(
    readonly region: string,
    private readonly connection: PublicConnection,
    private readonly hints?: () => RequestHints,
  ) {}

  call(request: ApiRequest, options?: CallOptions): Promise<Answer> {
    return this.connection.regional(this.region, request, this.withHints(options));
  }

  database(app: string, addonId: string, request: ApiRequest, options?: CallOptions): Promise<Answer> {
    return this.connection.database(this.region, app, addonId, request, this.withHints(options));
  }

  signedUrl(url: Secret, label: string, request: { method: "GET" | "PUT"; rawBody?: HttpRequest["rawBody"]; query?: Record<string, string> }): Promise<Answer> {
    return this.connection.signedUrl(this.region, url, label, request);
  }

  private withHints(options: CallOptions = {}): CallOptions {
    return this.hints ? { ...options, hints: { ...this.hints(), ...options.hints } } : options;
  }
}
