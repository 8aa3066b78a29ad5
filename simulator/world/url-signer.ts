import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * Pre-signed URLs (backup archives, source uploads, logs): an HMAC of the method, path and
 * expiry with the simulator's secret, so they survive a restart and cannot be forged or extended.
 */
export class UrlSigner {
  constructor(private readonly secret: Uint8Array) {}

  /** `<base><path>?expires=<ms>&signature=<hex>`. */
  sign(base: string, method: string, path: string, expiresAtMs: number): string {
    return `${base}${path}?expires=${expiresAtMs}&signature=${this.signature(method, path, expiresAtMs)}`;
  }

  check(method: string, path: string, query: URLSearchParams, nowMs: number): "ok" | "expired" | "invalid" {
    const expires = Number(query.get("expires"));
    const given = query.get("signature") ?? "";
    const wanted = this.signature(method, path, expires);
    if (!Number.isFinite(expires) || given.length !== wanted.length || !timingSafeEqual(Buffer.from(given), Buffer.from(wanted))) return "invalid";
    return expires < nowMs ? "expired" : "ok";
  }

  private signature(method: string, path: string, expires: number): string {
    return createHmac("sha256", this.secret).update(`${method.toUpperCase()}\n${path}\n${expires}`).digest("hex");
  }
}
