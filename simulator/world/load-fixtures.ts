import { readFileSync } from "node:fs";
import { describeIssues } from "../zod-issues";
import { buildWorld, FixturesError } from "./build-world";
import { defaultWorldFixtures } from "./default-world";
import { worldFixturesSchema, type WorldFixtures } from "./fixtures-schema";
import type { WorldData } from "./types";

/** The initial world: the default one, fixtures given in code, or a fixtures JSON file. */
export function loadFixtures(source: WorldFixtures | string | undefined): WorldData {
  if (source === undefined) return parseFixtures(defaultWorldFixtures(), "default world");
  if (typeof source !== "string") return parseFixtures(source, "fixtures option");
  return parseFixtures(readJsonFile(source), `fixtures file ${source}`);
}

function readJsonFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new FixturesError(`fixtures file ${path} cannot be read: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new FixturesError(`fixtures file ${path} is not valid JSON: ${(error as Error).message}`);
  }
}

function parseFixtures(input: unknown, origin: string): WorldData {
  const parsed = worldFixturesSchema.safeParse(input);
  if (!parsed.success) throw new FixturesError(`${origin}: ${describeIssues(parsed.error)}`);
  try {
    return buildWorld(parsed.data);
  } catch (error) {
    if (error instanceof FixturesError) throw new FixturesError(`${origin}: ${error.message}`);
    throw error;
  }
}
