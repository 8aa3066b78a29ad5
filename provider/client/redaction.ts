/**
 * Strips credentials from text that leaves the process (errors, logs): the exact values we
 * know of, then anything shaped like an Authorization header's value. Values shorter than four
 * characters are left alone: they would blank out ordinary words.
 */
export function redactSecrets(text: string, secrets: readonly string[] = []): string {
  let result = text;
  for (const secret of secrets) {
    if (secret.length >= 4) result = result.split(secret).join("[redacted]");
  }
  return result.replace(/(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/g, "$1 [redacted]");
}
