/** Refusals the model raises; the HTTP layer turns each into the contract's status and body. */

export class NotFoundError extends Error {
  constructor(readonly resource: "app" | "region_migration") {
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
