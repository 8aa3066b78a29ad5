import {
  ScalingoConfigError,
  ScalingoError,
  ScalingoHttpError,
  ScalingoNetworkError,
  ScalingoValidationError,
} from "../client/errors";
import { redactSecrets } from "../client/redaction";
import { MigrationError } from "../migration/errors";

/**
 * The one place that turns any failure into what a person reads in `pulumi up`. Whatever it
 * was given, the result never contains a credential: known secrets are redacted last.
 */
export function userMessage(error: unknown, secrets: readonly string[] = []): string {
  return redactSecrets(describe(error), secrets);
}

/** A declared value the engine refused (see MigrationEngine.checkDeclaration), as `check` reports it. */
export function problemMessage(reason: string, secrets: readonly string[] = []): string {
  return redactSecrets(reason, secrets);
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
