import { z } from "zod";
import { ScalingoResponseError } from "../errors";
import type { Answer } from "./connection";
import { Secret } from "./secret";

/**
 * What every family's schemas share. Schemas are strict about what the engine uses and
 * tolerant about the rest (unknown fields are dropped unread), and turn snake_case into
 * plain camelCase types; secret fields become Secrets as they are parsed.
 */

/** The body, parsed; a body that does not match is an error naming the call (never the body). */
export function parseAnswer<T>(schema: z.ZodType<T>, answer: Answer): T {
  const result = schema.safeParse(answer.body);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const at = issue?.path.length ? ` at ${issue.path.join(".")}` : "";
  // The code, not zod's message: a custom message could quote the value, which may be secret.
  throw new ScalingoResponseError(answer.request, answer.status, `${issue?.code ?? "invalid"}${issue?.path.length ? "" : " body"}${at}`);
}

/**
 * A request body's fields as the wire spells them: camelCase keys in snake_case, Secrets
 * revealed, nested objects likewise. Absent fields are left out: a setting not given is left as
 * it is, not reset.
 */
export function toWire(fields: object): Record<string, unknown> {
  const wire: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    const plainObject = typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Secret);
    wire[key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)] = value instanceof Secret ? value.reveal() : plainObject ? toWire(value) : value;
  }
  return wire;
}

export const secretString = z.string().transform((value) => new Secret(value));
export const text = z.string().nullish().transform((v) => v ?? "");
export const flag = z.boolean().nullish().transform((v) => v ?? false);
export const count = z.number().int().nullish().transform((v) => v ?? 0);

export const addonTokenSchema = z.object({ addon: z.object({ token: z.string().min(1) }) }).transform((b) => b.addon.token);

/** One page of a paginated list, and where the next one is. */
export interface Page<T> {
  items: T[];
  currentPage: number;
  /** null on the last page. */
  nextPage: number | null;
  totalPages: number;
  totalCount: number;
}

export interface PageRequest {
  page?: number;
  perPage?: number;
}

const paginationSchema = z
  .object({
    pagination: z.object({
      current_page: z.number().int(),
      next_page: z.number().int().nullish(),
      total_pages: z.number().int().nullish(),
      total_count: z.number().int().nullish(),
    }),
  })
  .nullish();

/** `{<key>: [...], meta: {pagination}}` → a Page; a list without `meta` is one whole page. */
export function pageSchema<T>(key: string, item: z.ZodType<T>): z.ZodType<Page<T>> {
  return z.object({ [key]: z.array(item), meta: paginationSchema }).transform((body): Page<T> => {
    const fields = body as Record<string, unknown>;
    const items = fields[key] as T[];
    const pagination = (fields.meta as z.output<typeof paginationSchema>)?.pagination;
    return {
      items,
      currentPage: pagination?.current_page ?? 1,
      nextPage: pagination?.next_page ?? null,
      totalPages: pagination?.total_pages ?? 1,
      totalCount: pagination?.total_count ?? items.length,
    };
  });
}

export function pageQuery(request: PageRequest): Record<string, string> {
  const query: Record<string, string> = {};
  if (request.page !== undefined) query.page = String(request.page);
  if (request.perPage !== undefined) query.per_page = String(request.perPage);
  return query;
}

/**
 * Follows `next_page` from the first page until `enough` says to stop (or the last page):
 * each page is one request of the budget, so callers stop as soon as they have what they need.
 */
export async function collectPages<T>(
  fetchPage: (page: number) => Promise<Page<T>>,
  enough: (items: readonly T[]) => boolean = () => false,
  maxPages = 100,
): Promise<T[]> {
  const items: T[] = [];
  let page: number | null = 1;
  for (let fetched = 0; page !== null && fetched < maxPages; fetched++) {
    const current: Page<T> = await fetchPage(page);
    items.push(...current.items);
    if (enough(current.items)) break;
    page = current.nextPage !== null && current.nextPage > page ? current.nextPage : null;
  }
  return items;
}

/** The operation a 202's `Location` (or a one-off's `operation_url`) points at. */
export interface OperationRef {
  app: string;
  id: string;
}

/** The id from `…/apps/:app/operations/:id`; polling then goes through the region's API, never to the header's host. */
export function operationRef(app: string, location: string | undefined, answer: Answer): OperationRef {
  const id = location ? /\/operations\/([^/?#]+)/.exec(location)?.[1] : undefined;
  if (!id) throw new ScalingoResponseError(answer.request, answer.status, location ? "a Location that names no operation" : "no Location header to follow");
  return { app, id: decodeURIComponent(id) };
}
