import { ScalingoError } from "../../client/errors";
import { MigrationError } from "../../migration/errors";
import type { MigrationSnapshot } from "../../migration/snapshot";

/**
 * A sub-step of the client engine failed. The message names the object and the call
 * ("addon postgresql (plan postgresql-starter-512) on osc-secnum-fr1: provisioning failed: …");
 * the snapshot keeps the partial state, so the next `up` resumes and `destroy` aborts.
 */
export class ClientStepError extends MigrationError {
  override name = "ClientStepError";
  readonly code = "client_step_failed";
  constructor(message: string, snapshot: MigrationSnapshot | undefined) {
    super(message, snapshot);
  }
}

/** A failure found while reconciling one object: what it was about, in words. */
export class ReconcileError extends Error {
  override name = "ReconcileError";
  constructor(
    readonly object: string,
    readonly what: string,
    override readonly cause?: unknown,
  ) {
    super(`${object}: ${what}${cause ? `: ${causeText(cause)}` : ""}`);
  }
}

/** A cause's words: the client's errors already name the method, path, region and status, without secrets. */
export function causeText(cause: unknown): string {
  if (cause instanceof ScalingoError || cause instanceof MigrationError || cause instanceof ReconcileError) return cause.message;
  if (cause instanceof Error) return cause.message;
  return String(cause);
}

/** Runs one call about an object; a failure names the object and what was being done. */
export async function about<T>(object: string, what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof ReconcileError) throw error;
    throw new ReconcileError(object, `${what} failed`, error);
  }
}
