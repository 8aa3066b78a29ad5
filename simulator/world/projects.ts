import { stablePrefixedId } from "./ids";
import type { Project, WorldData } from "./types";

/** Projects are per account and per region; every account has a "default" one in each region. */

export function projectIdFor(region: string, ownerId: string, name: string): string {
  return stablePrefixedId("pr", `project:${region}:${ownerId}:${name}`);
}

export function projectsOf(data: WorldData, region: string, ownerId: string): Project[] {
  const own = data.projects.filter((p) => p.region === region && p.ownerId === ownerId);
  if (own.some((p) => p.default)) return own;
  const fallback: Project = { id: projectIdFor(region, ownerId, "default"), name: "default", region, ownerId, default: true, createdAt: "2023-03-01T09:00:00.000Z" };
  data.projects.push(fallback);
  return [...own, fallback];
}
