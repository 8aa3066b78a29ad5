/**
 * The newest `max` entries, oldest dropped first: what the simulator keeps of the requests it
 * saw, so that a simulator left running for days holds bounded memory. `list()` hands out
 * copies: a test that changes what it read changes nothing here.
 */
export class BoundedList<T> {
  private entries: T[] = [];

  constructor(
    private readonly max: number,
    private readonly copy: (entry: T) => T,
  ) {}

  add(entry: T): void {
    this.entries.push(entry);
    if (this.entries.length > this.max) this.entries.splice(0, this.entries.length - this.max);
  }

  list(): T[] {
    return this.entries.map(this.copy);
  }

  clear(): void {
    this.entries = [];
  }
}
