/**
 * What one run knows of the destination app without asking again: the lists it read, kept up
 * to date with its own writes, and, when this very run created the app, what a new app has
 * (no domain, no collaborator, no deployment, …). The account's 60 requests a minute are not
 * spent re-reading what we just wrote. A new run (after a kill, a failure, or a later `up`)
 * starts knowing nothing and reads everything: that is what makes every sub-step a reconcile.
 */
export type DestinationKind = "addons" | "containers" | "variables" | "domains" | "collaborators" | "notifiers" | "alerts" | "logDrains" | "addonLogDrains" | "scm" | "deployments" | "autoscalers";

export class DestinationView {
  private createdHere = false;
  private readonly known = new Map<string, unknown>();

  /** This run has just created the destination app: nothing of ours is on it yet. */
  markCreated(): void {
    this.createdHere = true;
  }

  get created(): boolean {
    return this.createdHere;
  }

  /**
   * The destination's `kind` (with `key`, e.g. an addon id): as this run last knew it, else
   * `whenNew` if this run created the app and says what a new app has, else read.
   */
  async read<T>(kind: DestinationKind, read: () => Promise<T>, whenNew?: T, key = ""): Promise<T> {
    const id = `${kind}:${key}`;
    if (this.known.has(id)) return this.known.get(id) as T;
    const value = this.createdHere && whenNew !== undefined ? whenNew : await read();
    this.known.set(id, value);
    return value;
  }

  /** After a write: the destination's `kind` is now `value`. */
  remember<T>(kind: DestinationKind, value: T, key = ""): void {
    this.known.set(`${kind}:${key}`, value);
  }

  /** After a write whose effect this run cannot describe: read next time. */
  forget(kind: DestinationKind, key = ""): void {
    this.known.delete(`${kind}:${key}`);
  }
}
