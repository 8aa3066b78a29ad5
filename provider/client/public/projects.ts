import { z } from "zod";
import type { CallOptions } from "./connection";
import type { RegionChannel } from "./region-channel";
import { flag, parseAnswer } from "./wire";

/** A project of the caller's in one region (apps are created in one; ids differ per region). */
export interface Project {
  id: string;
  name: string;
  default: boolean;
}

const projectFields = z.object({ id: z.string(), name: z.string(), default: flag });
const projectsSchema = z.object({ projects: z.array(projectFields) }).transform((b) => b.projects);
const projectSchema = z.object({ project: projectFields }).transform((b) => b.project);

/** Projects: the destination app must be created in the right one (moving it later is deprecated). */
export class Projects {
  constructor(private readonly channel: RegionChannel) {}

  async list(options?: CallOptions): Promise<Project[]> {
    return parseAnswer(projectsSchema, await this.channel.call({ method: "GET", path: "/v1/projects" }, options));
  }

  async create(name: string, isDefault = false, options?: CallOptions): Promise<Project> {
    const body = { project: { name, default: isDefault } };
    return parseAnswer(projectSchema, await this.channel.call({ method: "POST", path: "/v1/projects", body }, options));
  }
}
