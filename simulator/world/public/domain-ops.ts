import { X509Certificate } from "node:crypto";
import { InvalidError, NotFoundError } from "../../domain-errors";
import { requireWritable } from "../app-operations";
import { prefixedId } from "../ids";
import type { App, Domain } from "../types";
import type { World } from "../world";
import { recordEvent } from "./app-activity";
import { isoAt, type PublicContext } from "./context";

/**
 * Domains and certificates (§2.6, §3): a Let's Encrypt domain stays `pending_dns` until its DNS
 * points at the app's region; an uploaded certificate is kept as its subject and a key
 * description only (it can never be read back).
 */

export const MAX_DOMAINS = 20;
const HOSTNAME = /^(?=.{1,253}$)(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const LETS_ENCRYPT_DAYS = 90;

export interface CertificateInput {
  tlscert?: string;
  tlskey?: string;
}

export function domainById(app: App, id: string): Domain {
  const domain = app.domains.find((d) => d.id === id || d.name === id);
  if (!domain) throw new NotFoundError("domain");
  return domain;
}

export function addDomain(
  ctx: PublicContext,
  app: App,
  input: { name: string; canonical?: boolean; letsencryptEnabled?: boolean } & CertificateInput,
  userId: string,
): Domain {
  requireWritable(app);
  const name = input.name.toLowerCase();
  if (!HOSTNAME.test(name)) throw new InvalidError("name", `'${input.name}' is not a valid domain name`);
  if (app.domains.length >= MAX_DOMAINS) throw new InvalidError("name", `an app has at most ${MAX_DOMAINS} domains`);
  // The same domain may sit on apps of different regions (§6: the simulator allows it), not twice in one.
  if (ctx.world.appsIn(app.region).some((other) => other.domains.some((d) => d.name === name))) {
    throw new InvalidError("name", "has already been taken");
  }
  const now = ctx.now();
  const domain: Domain = {
    id: prefixedId("dom"),
    name,
    ssl: false,
    canonical: false,
    letsencryptEnabled: input.letsencryptEnabled ?? true,
    validity: null,
    certificateInvalid: false,
    createdAt: isoAt(now),
    letsencryptStatus: "pending_dns",
    customCertificate: null,
  };
  applyCertificate(domain, input, now);
  if (!domain.customCertificate) refreshLetsEncrypt(ctx.world, app, domain, now);
  app.domains.push(domain);
  if (input.canonical) setCanonical(app, domain, true);
  recordEvent(app, "new_domain", userId, { hostname: name, ssl: domain.ssl }, now);
  return domain;
}

export function updateDomain(
  ctx: PublicContext,
  app: App,
  domain: Domain,
  input: { canonical?: boolean; letsencryptEnabled?: boolean } & CertificateInput,
  userId: string,
): Domain {
  requireWritable(app);
  const now = ctx.now();
  if (input.letsencryptEnabled !== undefined) domain.letsencryptEnabled = input.letsencryptEnabled;
  if (input.tlscert !== undefined || input.tlskey !== undefined) applyCertificate(domain, input, now);
  if (!domain.customCertificate) refreshLetsEncrypt(ctx.world, app, domain, now);
  if (input.canonical !== undefined) setCanonical(app, domain, input.canonical);
  recordEvent(app, "edit_domain", userId, { hostname: domain.name, ssl: domain.ssl }, now);
  return domain;
}

export function removeDomain(app: App, domain: Domain, userId: string): void {
  requireWritable(app);
  app.domains = app.domains.filter((d) => d !== domain);
  recordEvent(app, "delete_domain", userId, { hostname: domain.name });
}

/** The admin API says `name`'s DNS now points at `region`: its Let's Encrypt domains there get a certificate. */
export function pointDns(world: World, name: string, region: string, nowMs: number): void {
  world.current.dns[name] = region;
  for (const app of world.appsIn(region)) {
    for (const domain of app.domains) {
      if (domain.name === name && !domain.customCertificate) refreshLetsEncrypt(world, app, domain, nowMs);
    }
  }
}

function refreshLetsEncrypt(world: World, app: App, domain: Domain, nowMs: number): void {
  if (!domain.letsencryptEnabled) {
    domain.letsencryptStatus = "disabled";
    return;
  }
  if (world.current.dns[domain.name] !== app.region) {
    if (domain.letsencryptStatus !== "created") domain.letsencryptStatus = "pending_dns";
    return;
  }
  if (domain.letsencryptStatus === "created" && domain.validity !== null && Date.parse(domain.validity) > nowMs) return;
  domain.letsencryptStatus = "created";
  domain.ssl = true;
  domain.validity = isoAt(nowMs + LETS_ENCRYPT_DAYS * 24 * 3600 * 1000);
}

/** Empty certificate and key remove the uploaded certificate; anything else must look like PEM. */
function applyCertificate(domain: Domain, input: CertificateInput, nowMs: number): void {
  const cert = input.tlscert ?? "";
  const key = input.tlskey ?? "";
  if (cert === "" && key === "") {
    if (domain.customCertificate) {
      domain.customCertificate = null;
      domain.ssl = false;
      domain.validity = null;
      domain.letsencryptStatus = "pending_dns";
    }
    return;
  }
  if (!/-----BEGIN CERTIFICATE-----[\s\S]+-----END CERTIFICATE-----/.test(cert)) throw new InvalidError("tlscert", "is not a PEM certificate");
  if (!/-----BEGIN (RSA |EC )?PRIVATE KEY-----[\s\S]+-----END (RSA |EC )?PRIVATE KEY-----/.test(key)) throw new InvalidError("tlskey", "is not a PEM private key");
  const parsed = parseCertificate(cert);
  domain.customCertificate = {
    subject: parsed?.subject ?? `/CN=${domain.name}`,
    keyDescription: `${/BEGIN EC/.test(key) ? "EC" : "RSA"} private key - ${Buffer.byteLength(key)} bytes`,
  };
  domain.ssl = true;
  domain.validity = parsed?.validTo ?? isoAt(nowMs + 365 * 24 * 3600 * 1000);
  domain.letsencryptStatus = "disabled";
}

function parseCertificate(pem: string): { subject: string; validTo: string } | undefined {
  try {
    const cert = new X509Certificate(pem);
    return { subject: `/${cert.subject.split("\n").join("/")}`, validTo: new Date(cert.validTo).toISOString() };
  } catch {
    return undefined;
  }
}

function setCanonical(app: App, domain: Domain, canonical: boolean): void {
  for (const d of app.domains) d.canonical = canonical && d === domain;
}
