import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { z } from "zod";
import type { Migration } from "./migrations/types";
import type { WorldData } from "./world/types";
import { describeIssues } from "./zod-issues";

/**
 * `--state FILE`: everything needed to carry on after a restart, including in-flight runs and
 * the JWT secret (so bearer tokens issued before the restart stay valid).
 */
export interface PersistedState {
  version: 1;
  savedAt: string;
  /** Base64 of the HS256 secret. */
  jwtSecret: string;
  world: WorldData;
  migrations: Migration[];
}

export class StateFileError extends Error {
  override readonly name = "StateFileError";
}

// The file is the simulator's own output: check its frame, trust the details.
const persistedStateSchema = z.object({
  version: z.literal(1),
  savedAt: z.string(),
  jwtSecret: z.string().min(1),
  world: z.object({
    regions: z.array(z.looseObject({ name: z.string() })).min(1),
    accounts: z.array(z.looseObject({ id: z.string(), apiTokens: z.array(z.string()) })),
    apps: z.array(z.looseObject({ id: z.string(), name: z.string(), region: z.string() })),
  }),
  migrations: z.array(z.looseObject({ id: z.string(), appId: z.string(), status: z.string(), steps: z.array(z.unknown()) })),
});

/** The saved state, or undefined when the file does not exist yet. */
export function loadState(path: string): PersistedState | undefined {
  if (!existsSync(path)) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new StateFileError(`state file ${path} cannot be read as JSON: ${(error as Error).message}`);
  }
  const parsed = persistedStateSchema.safeParse(data);
  if (!parsed.success) {
    throw new StateFileError(`state file ${path} is not a simulator state file: ${describeIssues(parsed.error)}`);
  }
  return data as PersistedState;
}

/** Saves at most once per event-loop turn however many changes happened in it. */
export class StateSaver {
  private pending: NodeJS.Immediate | undefined;

  constructor(
    private readonly path: string,
    private readonly snapshot: () => PersistedState,
  ) {}

  request(): void {
    this.pending ??= setImmediate(() => this.flush());
  }

  /** Writes now: a temporary file renamed over the old one, so a crash never leaves half a file. */
  flush(): void {
    if (this.pending) clearImmediate(this.pending);
    this.pending = undefined;
    const temporary = `${this.path}.${process.pid}.tmp`;
    mkdirSync(dirname(this.path), { recursive: true });
    writeFileSync(temporary, JSON.stringify(this.snapshot()), { mode: 0o600 });
    renameSync(temporary, this.path);
  }
}
