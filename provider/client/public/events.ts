import { z } from "zod";
import { seg, type CallOptions } from "./connection";
import type { RegionChannel } from "./region-channel";
import { collectPages, pageQuery, pageSchema, parseAnswer, text, type Page, type PageRequest } from "./wire";

/** Something that happened to an app (newest first): drift shows here between two looks. */
export interface AppEvent {
  id: string;
  /** `new_variable`, `edit_variables`, `new_domain`, `scale`, `run`, … */
  type: string;
  createdAt: string;
  user: string;
  /** Scalingo's detail; variable values in it are `[REDACTED]` by Scalingo. */
  typeData: Record<string, unknown>;
}

const eventFields = z
  .object({
    id: z.string(),
    type: z.string(),
    created_at: z.string(),
    user: z.object({ username: text, email: text }).nullish(),
    type_data: z.record(z.string(), z.unknown()).nullish(),
  })
  .transform((e): AppEvent => ({ id: e.id, type: e.type, createdAt: e.created_at, user: e.user?.username || e.user?.email || "", typeData: e.type_data ?? {} }));
const pageOfEvents = pageSchema("events", eventFields);

/** An app's events, paginated, newest first. */
export class Events {
  constructor(private readonly channel: RegionChannel) {}

  async list(app: string, page: PageRequest = {}, options?: CallOptions): Promise<Page<AppEvent>> {
    const path = `/v1/apps/${seg(app)}/events`;
    return parseAnswer(pageOfEvents, await this.channel.call({ method: "GET", path, query: pageQuery(page) }, options));
  }

  /**
   * The events after `since` (an ISO time), newest first: pages are read only until one
   * reaches back to `since`, so a quiet app costs one request.
   */
  async since(app: string, since: string, { perPage = 50, maxPages = 20 }: { perPage?: number; maxPages?: number } = {}, options?: CallOptions): Promise<AppEvent[]> {
    const after = Date.parse(since);
    if (Number.isNaN(after)) throw new RangeError(`'since' must be an ISO time, got '${since}'`);
    const isNew = (e: AppEvent) => Date.parse(e.createdAt) > after;
    const all = await collectPages((page) => this.list(app, { page, perPage }, options), (items) => items.some((e) => !isNew(e)), maxPages);
    return all.filter(isNew);
  }
}
