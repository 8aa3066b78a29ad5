import { Secret, type DomainDetails } from "../../../client/public";
import { newTally } from "../copied";
import { about } from "../errors";
import type { MigrationRun } from "../run";

/** Domains whose certificate was uploaded (not Let's Encrypt's): their key cannot be read back. */
export function certificateDomains(domains: readonly DomainDetails[]): DomainDetails[] {
  return domains.filter((d) => !d.letsencryptEnabled && d.certificate !== null);
}

/**
 * The source's domains on the destination: Let's Encrypt ones as they are (the certificate
 * comes once DNS points at the new region), uploaded-certificate ones with the certificate the
 * user declared (else without, and a manual action), then the canonical one. Returns how many
 * were added or changed (finalize re-applies drift with it).
 */
export async function reconcileDomains(run: MigrationRun): Promise<number> {
  const { src, dst, spec, record } = run;
  const sources = await about(`domains of ${run.srcApp}`, "GET /v1/apps/:app/domains", () => run.sourceRead("domains", () => src.domains.list(run.srcApp)));
  let present = await about(`domains of ${run.dstApp}`, "GET /v1/apps/:app/domains", () => run.destination.read("domains", () => dst.domains.list(run.dstApp), []));
  record.domainNames = sources.map((d) => d.name);
  const tally = newTally();
  let changes = 0;
  const uploaded = new Set(certificateDomains(sources).map((d) => d.name));
  for (const domain of sources) {
    const label = `domain ${domain.name} of ${run.dstApp}`;
    const declared = uploaded.has(domain.name) ? spec.certificates?.[domain.name.toLowerCase()] : undefined;
    // Secrets from here on: they print as [redacted] wherever a mistake would send them.
    const supplied = declared && { certificate: new Secret(declared.certificate), privateKey: new Secret(declared.privateKey) };
    const there = present.find((d) => d.name === domain.name);
    if (!there) {
      const added = await about(label, "POST /v1/apps/:app/domains", () =>
        dst.domains.add(run.dstApp, { name: domain.name, letsencryptEnabled: domain.letsencryptEnabled, ...(supplied ? { tlsCert: supplied.certificate, tlsKey: supplied.privateKey } : {}) }),
      );
      present = [...present, added];
      changes++;
    } else if (supplied && there.certificate === null) {
      const updated = await about(label, "PATCH /v1/apps/:app/domains/:id (certificate)", () => dst.domains.update(run.dstApp, there.id, { tlsCert: supplied.certificate, tlsKey: supplied.privateKey }));
      present = present.map((d) => (d.id === there.id ? updated : d));
      changes++;
    }
    tally.copied.push(domain.name);
    if (uploaded.has(domain.name)) {
      if (supplied) run.resolved(`certificate:${domain.name}`);
      else run.manual({ id: `certificate:${domain.name}`, action: `Upload the certificate and key of ${domain.name} on ${run.dstApp}`, why: "Scalingo never returns an uploaded certificate's key", blocking: false });
    } else if (domain.letsencryptEnabled) {
      run.manual({
        id: `letsencrypt:${domain.name}`,
        action: `Expect a short window without certificate for ${domain.name} after the DNS change`,
        why: "Let's Encrypt issues the new region's certificate only once DNS points at it",
        blocking: false,
      });
    }
  }
  const canonical = sources.find((d) => d.canonical);
  const target = canonical && present.find((d) => d.name === canonical.name);
  if (target && !target.canonical) {
    await about(`domain ${target.name} of ${run.dstApp}`, "PATCH /v1/apps/:app/domains/:id (canonical)", () => dst.domains.setCanonical(run.dstApp, target.id));
    present = present.map((d) => ({ ...d, canonical: d.id === target.id }));
    changes++;
  }
  run.destination.remember("domains", present);
  run.tally("domains", tally);
  return changes;
}
