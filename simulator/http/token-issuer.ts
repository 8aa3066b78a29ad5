import { errors, jwtVerify, SignJWT } from "jose";
import { randomUUID } from "node:crypto";

const ISSUER = "scalingo-simulator";

/** `addonId` is set on addon tokens (Database API), which are not user tokens. */
export type TokenCheck = { valid: true; accountId: string; addonId?: string } | { valid: false; reason: "expired" | "invalid" };

/** Bearer tokens: HS256 JWTs signed with the simulator's secret, carrying the account id in `uid`. */
export class TokenIssuer {
  constructor(
    private readonly secret: Uint8Array,
    private readonly ttlSeconds: number,
  ) {}

  issue(accountId: string): Promise<string> {
    return this.sign({ uid: accountId });
  }

  /** A token for one addon's Database API, as `POST …/addons/:id/token` gives (valid 1 h). */
  issueAddonToken(accountId: string, addonId: string): Promise<string> {
    return this.sign({ uid: accountId, addon: addonId });
  }

  async check(token: string): Promise<TokenCheck> {
    try {
      const { payload } = await jwtVerify(token, this.secret, { algorithms: ["HS256"], issuer: ISSUER });
      if (typeof payload.uid !== "string") return { valid: false, reason: "invalid" };
      return typeof payload.addon === "string" ? { valid: true, accountId: payload.uid, addonId: payload.addon } : { valid: true, accountId: payload.uid };
    } catch (error) {
      return { valid: false, reason: error instanceof errors.JWTExpired ? "expired" : "invalid" };
    }
  }

  private sign(claims: Record<string, string>): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT(claims)
      .setProtectedHeader({ alg: "HS256", typ: "JWT" })
      .setIssuer(ISSUER)
      .setIssuedAt(now)
      .setExpirationTime(now + this.ttlSeconds)
      // Two exchanges in the same second still get distinct tokens.
      .setJti(randomUUID())
      .sign(this.secret);
  }
}
