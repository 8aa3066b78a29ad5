import { z } from "zod";
import { seg, type CallOptions } from "./connection";
import type { RegionChannel } from "./region-channel";
import { secretFragments, type SecretInput } from "./secret";
import { flag, parseAnswer, text, toWire } from "./wire";

/** A custom domain (contract §2.6). A certificate is never readable: only its subject and key kind. */
export interface DomainDetails {
  id: string;
  name: string;
  ssl: boolean;
  canonical: boolean;
  letsencryptEnabled: boolean;
  /** `pending_dns`, `new`, `created`, `dns_required`, `error`. */
  letsencryptStatus: string;
  /** An uploaded certificate's subject and key description; null for none (or Let's Encrypt's). */
  certificate: { subject: string; keyDescription: string } | null;
  validity: string | null;
  /** For a wildcard's Let's Encrypt certificate: the TXT record to create. */
  acmeDnsFqdn: string;
  acmeDnsValue: string;
}

export interface AddDomainSpec {
  name: string;
  canonical?: boolean;
  letsencryptEnabled?: boolean;
  /** A PEM certificate and its key: only the user can supply them again. */
  tlsCert?: SecretInput;
  tlsKey?: SecretInput;
}

export type DomainChange = Omit<AddDomainSpec, "name">;

const domainFields = z
  .object({
    id: z.string(),
    name: z.string(),
    ssl: flag,
    canonical: flag,
    letsencrypt_enabled: flag,
    letsencrypt_status: text,
    tlscert: z.string().nullish(),
    tlskey: z.string().nullish(),
    validity: z.string().nullish(),
    acme_dns_fqdn: text,
    acme_dns_value: text,
  })
  .transform(
    (d): DomainDetails => ({
      id: d.id,
      name: d.name,
      ssl: d.ssl,
      canonical: d.canonical,
      letsencryptEnabled: d.letsencrypt_enabled,
      letsencryptStatus: d.letsencrypt_status,
      certificate: d.tlscert ? { subject: d.tlscert, keyDescription: d.tlskey ?? "" } : null,
      validity: d.validity || null,
      acmeDnsFqdn: d.acme_dns_fqdn,
      acmeDnsValue: d.acme_dns_value,
    }),
  );
const listSchema = z.object({ domains: z.array(domainFields) }).transform((b) => b.domains);
const domainSchema = z.object({ domain: domainFields }).transform((b) => b.domain);

/** Domains: list, add, change (canonical, certificate), delete. */
export class Domains {
  constructor(private readonly channel: RegionChannel) {}

  async list(app: string, options?: CallOptions): Promise<DomainDetails[]> {
    return parseAnswer(listSchema, await this.channel.call({ method: "GET", path: `/v1/apps/${seg(app)}/domains` }, options));
  }

  async add(app: string, spec: AddDomainSpec, options?: CallOptions): Promise<DomainDetails> {
    const body = { domain: { name: spec.name, ...domainFieldsOf(spec) } };
    const secrets = secretFragments([spec.tlsCert, spec.tlsKey]);
    return parseAnswer(domainSchema, await this.channel.call({ method: "POST", path: `/v1/apps/${seg(app)}/domains`, body, secrets }, options));
  }

  /** Changes what is given; empty `tlsCert` and `tlsKey` remove an uploaded certificate. */
  async update(app: string, domainId: string, change: DomainChange, options?: CallOptions): Promise<DomainDetails> {
    const body = { domain: domainFieldsOf(change) };
    const secrets = secretFragments([change.tlsCert, change.tlsKey]);
    const path = `/v1/apps/${seg(app)}/domains/${seg(domainId)}`;
    return parseAnswer(domainSchema, await this.channel.call({ method: "PATCH", path, body, secrets }, options));
  }

  /** The canonical domain is a flag on a domain (the others then redirect to it). */
  setCanonical(app: string, domainId: string, canonical = true, options?: CallOptions): Promise<DomainDetails> {
    return this.update(app, domainId, { canonical }, options);
  }

  async delete(app: string, domainId: string, options?: CallOptions): Promise<void> {
    await this.channel.call({ method: "DELETE", path: `/v1/apps/${seg(app)}/domains/${seg(domainId)}` }, options);
  }
}

/** The wire spells the certificate fields `tlscert` and `tlskey`. */
function domainFieldsOf({ tlsCert, tlsKey, ...change }: DomainChange) {
  return toWire({ ...change, tlscert: tlsCert, tlskey: tlsKey });
}
