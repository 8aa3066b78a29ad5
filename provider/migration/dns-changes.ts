import type { DnsChange } from "./snapshot";

/**
 * Custom domains must point at the migrated app's default host (Scalingo's own advice): one
 * CNAME per domain that is not Scalingo's.
 */
export function dnsChangesFor(appUrl: string, domains: readonly { name: string }[]): DnsChange[] {
  const target = hostOf(appUrl);
  if (!target) return [];
  return domains.filter((d) => !d.name.endsWith(".scalingo.io")).map((d) => ({ domain: d.name, type: "CNAME" as const, target }));
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return "";
  }
}
