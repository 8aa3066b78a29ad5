import { createHash, timingSafeEqual } from "node:crypto";
import type { Account, App, Region, WorldData } from "./types";

/** Lookups and changes on the simulated regions, accounts and apps. */
export class World {
  constructor(private data: WorldData) {}

  /** The live data, for persistence and snapshots; callers must not keep it across changes. */
  get current(): WorldData {
    return this.data;
  }

  replace(data: WorldData): void {
    this.data = data;
  }

  regions(): Region[] {
    return this.data.regions;
  }

  region(name: string): Region | undefined {
    return this.data.regions.find((r) => r.name === name);
  }

  account(id: string): Account | undefined {
    return this.data.accounts.find((a) => a.id === id);
  }

  /** Compares digests in constant time so response timing says nothing about valid tokens. */
  accountForApiToken(token: string): Account | undefined {
    const wanted = digest(token);
    return this.data.accounts.find((account) => account.apiTokens.some((t) => timingSafeEqual(digest(t), wanted)));
  }

  /** An app by name or id in one region, optionally only if `ownerId` owns it. */
  findApp(region: string, nameOrId: string, ownerId?: string): App | undefined {
    return this.data.apps.find(
      (app) =>
        app.region === region &&
        (app.name === nameOrId || app.id === nameOrId) &&
        (ownerId === undefined || app.ownerId === ownerId),
    );
  }

  appById(id: string): App | undefined {
    return this.data.apps.find((app) => app.id === id);
  }

  appsIn(region: string, ownerId?: string): App[] {
    return this.data.apps.filter((app) => app.region === region && (ownerId === undefined || app.ownerId === ownerId));
  }

  isNameTaken(region: string, name: string): boolean {
    return this.data.apps.some((app) => app.region === region && app.name === name);
  }

  addApp(app: App): void {
    this.data.apps.push(app);
  }

  removeApp(id: string): void {
    this.data.apps = this.data.apps.filter((app) => app.id !== id);
  }
}

function digest(value: string): Buffer {
  return createHash("sha256").update(value).digest();
}
