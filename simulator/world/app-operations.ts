import { InvalidError, LockedError } from "../domain-errors";
import type { App } from "./types";
import type { World } from "./world";

export interface AppSettingsChange {
  forceHttps?: boolean;
  stickySession?: boolean;
  routerLogs?: boolean;
  stack?: string;
  projectId?: string;
}

/** The app writes the simulator serves; each refuses while a migration holds the app. */
export class AppOperations {
  constructor(private readonly world: World) {}

  update(app: App, change: AppSettingsChange): App {
    requireWritable(app);
    if (change.forceHttps !== undefined) app.forceHttps = change.forceHttps;
    if (change.stickySession !== undefined) app.stickySession = change.stickySession;
    if (change.routerLogs !== undefined) app.routerLogs = change.routerLogs;
    if (change.stack !== undefined) app.stack = change.stack;
    if (change.projectId !== undefined) app.projectId = change.projectId;
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
}

export function requireWritable(app: App): void {
  if (app.lockedByMigrationId !== null) throw new LockedError();
}
