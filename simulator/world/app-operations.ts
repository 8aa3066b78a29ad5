import { InvalidError, LockedError } from "../domain-errors";
import type { App, ContainerFormation } from "./types";
import type { World } from "./world";

export interface AppSettingsChange {
  forceHttps?: boolean;
  stickySession?: boolean;
  routerLogs?: boolean;
}

/** The app writes the simulator serves; each refuses while a migration holds the app. */
export class AppOperations {
  constructor(private readonly world: World) {}

  update(app: App, change: AppSettingsChange): App {
    requireWritable(app);
    if (change.forceHttps !== undefined) app.forceHttps = change.forceHttps;
    if (change.stickySession !== undefined) app.stickySession = change.stickySession;
    if (change.routerLogs !== undefined) app.routerLogs = change.routerLogs;
    app.updatedAt = new Date().toISOString();
    return app;
  }

  delete(app: App, currentName: string | null): void {
    if (currentName !== app.name) {
      throw new InvalidError("current_name", `must be the name of the app ('${app.name}') to confirm the deletion`);
    }
    requireWritable(app);
    this.world.removeApp(app.id);
  }

  scale(app: App, containers: { name: string; amount: number; size?: string }[]): ContainerFormation[] {
    requireWritable(app);
    for (const change of containers) {
      const existing = app.formation.find((f) => f.name === change.name);
      if (!existing) throw new InvalidError("containers", `the app has no container type '${change.name}'`);
      existing.amount = change.amount;
      if (change.size !== undefined) existing.size = change.size;
    }
    app.updatedAt = new Date().toISOString();
    return app.formation;
  }
}

function requireWritable(app: App): void {
  if (app.lockedByMigrationId !== null) throw new LockedError();
}
