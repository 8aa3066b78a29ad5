import { inspect } from "node:util";

/**
 * A value that must never reach a log, an error or Pulumi state: a variable's value, a
 * pre-signed URL, a drain's token, a certificate key. It prints as `[redacted]` however it is
 * printed (template string, JSON, `util.inspect`); `reveal()` is the one way to the value, so
 * each use of it is a line a reviewer can see.
 */
export class Secret {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  reveal(): string {
    return this.#value;
  }

  equals(other: Secret | string): boolean {
    return this.#value === reveal(other);
  }

  toString(): string {
    return "[redacted]";
  }

  toJSON(): string {
    return "[redacted]";
  }

  [inspect.custom](): string {
    return "Secret([redacted])";
  }
}

/** Inputs take a Secret or a plain string (a value the caller just read from its own config). */
export type SecretInput = Secret | string;

export function reveal(value: SecretInput): string {
  return typeof value === "string" ? value : value.reveal();
}

/**
 * What to strip from an error about a request carrying `values`: each value, and each long line
 * of it (a server quoting one line of a PEM certificate must not leak it either).
 */
export function secretFragments(values: readonly (SecretInput | undefined)[]): string[] {
  const fragments: string[] = [];
  for (const value of values) {
    if (value === undefined) continue;
    const text = reveal(value);
    fragments.push(text);
    for (const line of text.split(/\r?\n/)) if (line.trim().length >= 16 && line !== text) fragments.push(line.trim());
  }
  return fragments;
}
