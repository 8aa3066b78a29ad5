import type { Migration } from "./types";

/** Every migration the simulator knows, in creation order. */
export class MigrationStore {
  constructor(private list: Migration[] = []) {}

  all(): Migration[] {
    return this.list;
  }

  get(id: string): Migration | undefined {
    return this.list.find((m) => m.id === id);
  }

  forApp(appId: string): Migration[] {
    return this.list.filter((m) => m.appId === appId);
  }

  add(migration: Migration): void {
    this.list.push(migration);
  }

  replace(list: Migration[]): void {
    this.list = list;
  }
}
