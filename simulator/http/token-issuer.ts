import { errors, jwtVerify, SignJWT } from "jose";
import { randomUUID } from "node:crypto";

const ISSUER = "scalingo-simulator";

export type TokenCheck = { valid: true; accountId: string } | { valid: false; reason: "expired" | "invalid" };

/** Bearer tokens: HS256 JWTs signed with the simulator's secret, carrying the account id in `uid`. */
export class TokenIssuer {
  constructor(
    private readonly secret: Uint8Array,
    private readonly ttlSeconds: number,
  ) {}

  issue(accountId: string): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ uid: accountId })
      .setProtectedHeader({ alg: "HS256", typ: "JWT" })
      .setIssuer(ISSUER)
      .setIssuedAt(now)
      .setExpirationTime(now + this.ttlSeconds)
      // Two exchanges in the same second still get distinct tokens.
      .setJti(randomUUID())
      .sign(this.secret);
  }

  async check(token: string): Promise<TokenCheck> {
    try {
      const { payload } = await jwtVerify(token, this.secret, { algorithms: ["HS256"], issuer: ISSUER });
      return typeof payload.uid === "string" ? { valid: true, accountId: payload.uid } : { valid: false, reason: "invalid" };
    } catch (error) {
      return { valid: false, reason: error instanceof errors.JWTExpired ? "expired" : "invalid" };
    }
  }
}
