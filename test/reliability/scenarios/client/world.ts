import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { defaultWorldFixtures, type SimulatorOptions, type WorldFixtures } from "../../../../simulator";
import { codeArchive } from "../../../simulator/support/public-api";

export const SOURCE = "osc-fr1";
export const DESTINATION = "osc-secnum-fr1";

/** The public-API world's fixture apps the client-engine runs move. */
export type FixtureApp = "shop-app" | "git-push-app" | "mysql-app";

/** The name of the secret variable planted in each fixture app (its value is new for every run). */
export const PLANTED_VARIABLE = "PAYMENT_API_KEY";

/**
 * The simulator's default world, with one more variable in each fixture app whose value is
 * random for this run: the engine must copy it to the destination and never show it. A value
 * no other text can contain by chance makes the leak scan exact.
 */
export function worldWithPlantedSecret(): { fixtures: WorldFixtures; secret: string } {
  const fixtures = defaultWorldFixtures();
  const secret = `sk_live_${randomBytes(12).toString("hex")}`;
  for (const app of fixtures.apps ?? []) {
    if (["shop-app", "git-push-app", "mysql-app"].includes(app.name)) app.env = { ...app.env, [PLANTED_VARIABLE]: secret };
  }
  return { fixtures, secret };
}

/**
 * Fast asynchrony (as the client suites use), but slow enough that polling happens: every
 * wait of the engine meets at least one "not yet".
 */
export const FAST_ASYNC = { operation: 60, addon: 120, backup: 120, deployment: 200, oneOff: 120 } as const;

/** The code of a git-push app, as the user would supply it (`sourceArchive`): a .tar.gz in a folder of its own. */
export function archiveFor(app: FixtureApp, dir: string): string | undefined {
  if (app === "shop-app") return undefined; // deployed from its SCM link
  const procfile = app === "git-push-app" ? "web: bundle exec puma\nclock: bundle exec clockwork clock.rb\n" : "web: node server.js\n";
  const file = path.join(dir, `${app}.tar.gz`);
  fs.writeFileSync(file, codeArchive(procfile));
  return file;
}

/** A temporary folder for one run's archive (and anything else it writes); the caller removes it. */
export function runFolder(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "reliability-client-"));
}

export function simulatorOptions(fixtures: WorldFixtures, extra: SimulatorOptions = {}): SimulatorOptions {
  return { fixtures, captureRequests: true, ...extra };
}
