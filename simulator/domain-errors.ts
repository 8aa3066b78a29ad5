/** Refusals the model raises; the HTTP layer turns each into the contract's status and body. */

export class NotFoundError extends Error {
  /** The `resource` Scalingo names in its 404 body: app, addon, domain, container_type, … */
  constructor(readonly resource: string) {
    super(`${resource} not found`);
  }
}

/** A field-level refusal: 422 `{"errors": {<field>: [<message>]}}`. */
export class InvalidError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** The app is read-only while a region migration holds it. */
export class LockedError extends Error {
  constructor() {
    super("app is being migrated");
  }
}

/** The caller may not do this (e.g. an addon token used for another database): 403 `{error}`. */
export class ForbiddenError extends Error {}
