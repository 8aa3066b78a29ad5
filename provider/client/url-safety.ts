import { ScalingoConfigError } from "./errors";

/**
 * Bearer tokens travel only over TLS, except to this machine (the simulator, a tunnel).
 * Returns the parsed URL so callers validate and parse in one step.
 */
export function requireSafeUrl(raw: string, setting: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ScalingoConfigError(setting, `${setting} must be an absolute URL such as https://auth.scalingo.com, got '${raw}'`);
  }
  if (url.protocol === "https:") return url;
  if (url.protocol === "http:" && isLoopbackHost(url.hostname)) return url;
  throw new ScalingoConfigError(
    setting,
    `${setting} must use https:// (plain http:// is only accepted for loopback addresses such as 127.0.0.1), got '${url.origin}'`,
    "insecure_url",
  );
}

export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  return host === "localhost" || host === "::1" || /^127(\.\d{1,3}){3}$/.test(host);
}

/**
 * A region list may only send us to hosts that belong with the auth service: the auth host's
 * own domain (auth.scalingo.com → anything under scalingo.com), or loopback when the auth
 * service itself is on loopback. Anything else would hand our bearer to a stranger.
 */
export function requireSameOwner(authUrl: URL, apiUrl: URL, setting: string): void {
  const sameOwner = isLoopbackHost(authUrl.hostname)
    ? isLoopbackHost(apiUrl.hostname)
    : isWithin(apiUrl.hostname.toLowerCase(), ownerDomain(authUrl.hostname.toLowerCase()));
  if (!sameOwner) {
    throw new ScalingoConfigError(
      setting,
      `${setting} points at ${apiUrl.host}, which does not belong with the auth service ${authUrl.host}; refusing to send credentials there`,
      "foreign_host",
    );
  }
}

/**
 * The domain an auth host speaks for: its parent (auth.scalingo.com → scalingo.com). Not "the
 * last two labels": those are shared by strangers under suffixes such as co.uk. An IP address
 * speaks only for itself: its last numbers say nothing of who runs it.
 */
function ownerDomain(hostname: string): string {
  if (isIpAddress(hostname)) return hostname;
  const labels = hostname.split(".");
  return labels.length > 2 ? labels.slice(1).join(".") : hostname;
}

function isWithin(hostname: string, domain: string): boolean {
  if (isIpAddress(domain) || isIpAddress(hostname)) return hostname === domain;
  return hostname === domain || hostname.endsWith(`.${domain}`);
}

function isIpAddress(hostname: string): boolean {
  return hostname.startsWith("[") || /^\d+(\.\d+){3}$/.test(hostname);
}
