import type { HttpRequest } from "../http-transport";
import type { Answer, ApiRequest, CallOptions, PublicConnection } from "./connection";
import type { Secret } from "./secret";

/** The connection, bound to one region: what each family of a RegionApi calls through. */
export class RegionChannel {
  constructor(
    readonly region: string,
    private readonly connection: PublicConnection,
  ) {}

  call(request: ApiRequest, options?: CallOptions): Promise<Answer> {
    return this.connection.regional(this.region, request, options);
  }

  database(app: string, addonId: string, request: ApiRequest, options?: CallOptions): Promise<Answer> {
    return this.connection.database(this.region, app, addonId, request, options);
  }

  signedUrl(url: Secret, label: string, request: { method: "GET" | "PUT"; rawBody?: HttpRequest["rawBody"]; query?: Record<string, string> }): Promise<Answer> {
    return this.connection.signedUrl(this.region, url, label, request);
  }
}
