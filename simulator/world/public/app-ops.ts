import { InvalidError } from "../../domain-errors";
import { newApp } from "../app-factory";
import { DEFAULT_STACK } from "../catalog/stacks";
import { APP_NAME_PATTERN } from "../fixtures-schema";
import { randomObjectId } from "../ids";
import { projectsOf } from "../projects";
import type { Account, App } from "../types";
import { recordEvent } from "./app-activity";
import { isoAt, type PublicContext } from "./context";
import { defaultNotifier } from "./notifier-ops";

/** Creating an app (§2.1): validated the same way with `X-Dry-Run: true`, which creates nothing. */

export interface CreateAppInput {
  name: string;
  /** Stack name, mapped from the region's stack id; default: the region's default stack. */
  stack?: string;
  projectId?: string;
  hdsResource?: boolean;
}

export function createApp(ctx: PublicContext, region: string, owner: Account, input: CreateAppInput, dryRun: boolean): App {
  if (!APP_NAME_PATTERN.test(input.name)) {
    throw new InvalidError("name", "must be 3-48 lowercase letters, digits and dashes, starting with a letter");
  }
  if (ctx.world.isNameTaken(region, input.name)) throw new InvalidError("name", "has already been taken");
  const projects = projectsOf(ctx.world.current, region, owner.id);
  const project = input.projectId ? projects.find((p) => p.id === input.projectId) : projects.find((p) => p.default);
  if (!project) throw new InvalidError("project_id", `no project of yours in ${region} has the id '${input.projectId}'`);
  const now = isoAt(ctx.now());
  const app = newApp({
    id: dryRun ? "" : randomObjectId(),
    name: input.name,
    region,
    ownerId: owner.id,
    projectId: project.id,
    createdAt: now,
    stack: input.stack ?? DEFAULT_STACK,
    hdsResource: input.hdsResource,
  });
  if (dryRun) return app;
  app.notifiers.push(defaultNotifier(app, owner.email, now));
  recordEvent(app, "new_app", owner.id, { git_source: "" }, ctx.now());
  ctx.world.addApp(app);
  return app;
}
