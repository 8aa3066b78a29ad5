import { createHash, timingSafeEqual } from "node:crypto";
import type { Account, Addon, App, AsyncEffect, Region, ScheduledEffect, WorldData } from "./types";
import { uuid } from "./ids";

/** Lookups and changes on the simulated regions, accounts and apps. */
export class World {
  constructor(private data: WorldData) {
    fillMissingCollections(data);
  }

  /** The live data, for persistence and snapshots; callers must not keep it across changes. */
  get current(): WorldData {
    return this.data;
  }

  replace(data: WorldData): void {
    fillMissingCollections(data);
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

  /** An addon anywhere in one region, with its app. */
  findAddon(region: string, addonId: string): { app: App; addon: Addon } | undefined {
    for (const app of this.appsIn(region)) {
      const addon = app.addons.find((a) => a.id === addonId);
      if (addon) return { app, addon };
    }
    return undefined;
  }

  /** Runs `effect` once the clock passes `atMs` (see settle-effects.ts). */
  schedule(atMs: number, effect: AsyncEffect): void {
    this.data.schedule.push({ id: uuid(), atMs, effect });
  }

  /** Removes and returns the earliest effect due at `nowMs`, if any. */
  takeDue(nowMs: number): ScheduledEffect | undefined {
    let earliest = -1;
    this.data.schedule.forEach((entry, i) => {
      if (entry.atMs <= nowMs && (earliest < 0 || entry.atMs < this.data.schedule[earliest].atMs)) earliest = i;
    });
    if (earliest < 0) return undefined;
    return this.data.schedule.splice(earliest, 1)[0];
  }
}

/** A state file written before these collections existed still loads. */
function fillMissingCollections(data: WorldData): void {
  data.projects ??= [];
  data.sources ??= [];
  data.scmRepos ??= [];
  data.dns ??= {};
  data.schedule ??= [];
}

function digest(value: string): Buffer {
  return createHash("sha256").update(value).digest();
}
