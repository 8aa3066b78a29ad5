import {
  ScalingoConfigError,
  ScalingoError,
  ScalingoHttpError,
  ScalingoNetworkError,
  ScalingoValidationError,
} from "../client/errors";
import { MigrationError } from "../migration/errors";

/**
 * The one place that turns any failure into what a person reads in `pulumi up`. Whatever it
 * was given, the result never contains a credential: known secrets are redacted last.
 */
export function userMessage(error: unknown, secrets: readonly string[] = []): string {
  return redact(describe(error), secrets);
}

function describe(error: unknown): string {
  if (error instanceof MigrationError || error instanceof ScalingoConfigError) return error.message;
  if (error instanceof ScalingoValidationError) {
    const fields = Object.entries(error.fieldErrors).map(([field, messages]) => `${field} ${messages.join(", ")}`);
    return `Scalingo refused ${error.request.method} ${error.request.path}${region(error)}: ${fields.join("; ") || error.serverMessage || "unprocessable"}`;
  }
  if (error instanceof ScalingoNetworkError) {
    return `${error.message}. Check your network and SCALINGO_AUTH_URL; nothing was lost: run \`pulumi up\` again to resume.`;
  }
  if (error instanceof ScalingoHttpError && error.status >= 500) {
    return `${error.message}. Scalingo had a server error; nothing was lost: run \`pulumi up\` again to resume.`;
  }
  if (error instanceof ScalingoError) return error.message;
  if (error instanceof Error) return `Unexpected error: ${error.message}`;
  return `Unexpected error: ${String(error)}`;
}

function region(error: ScalingoHttpError): string {
  return error.request.region ? ` in region ${error.request.region}` : "";
}

export function redact(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of secrets) {
    if (secret.length >= 4) result = result.split(secret).join("[redacted]");
  }
  return result.replace(/(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/g, "$1 [redacted]");
}
