import { z } from "zod";
import { appJson } from "../../../world/app-views";
import type { App } from "../../../world/types";
import { describeIssues } from "../../../zod-issues";
import { badRequest } from "../../api-response";
import { jsonBody } from "../../incoming-call";
import { caller, type RouteContext } from "../../router";

/** Shared by the public-API route families. */

export function appView(ctx: RouteContext, app: App) {
  const project = ctx.core.world.current.projects.find((p) => p.id === app.projectId);
  return appJson(app, ctx.core.world.account(app.ownerId), project);
}

export function callerId(ctx: RouteContext): string {
  return caller(ctx).id;
}

/** `<publicUrl>/<region>`: where this region's API answers. */
export function regionBase(ctx: RouteContext): string {
  return `${ctx.publicUrl}/${ctx.region?.name ?? ""}`;
}

/**
 * The body parsed by the first schema that accepts it: Scalingo's docs and go-scalingo disagree on
 * some wrappers (§6), and the simulator accepts both.
 */
export function parseEither<A extends z.ZodType, B extends z.ZodType>(ctx: RouteContext, first: A, second: B): z.output<A> | z.output<B> {
  const body = jsonBody(ctx.call);
  const a = first.safeParse(body);
  if (a.success) return a.data;
  const b = second.safeParse(body);
  if (b.success) return b.data;
  throw badRequest(`invalid request body: ${describeIssues(a.error)}`);
}

export interface Page<T> {
  items: T[];
  meta: { pagination: { current_page: number; prev_page: number | null; next_page: number | null; total_pages: number; total_count: number; per_page: number } };
}

/** Scalingo's `page`/`per_page` pagination, `meta.pagination` included. */
export function paginate<T>(items: T[], query: URLSearchParams, defaultPerPage = 20): Page<T> {
  const perPage = clamp(Number(query.get("per_page") ?? defaultPerPage), 1, 100, defaultPerPage);
  const totalPages = Math.max(1, Math.ceil(items.length / perPage));
  const page = clamp(Number(query.get("page") ?? 1), 1, Number.MAX_SAFE_INTEGER, 1);
  return {
    items: items.slice((page - 1) * perPage, page * perPage),
    meta: {
      pagination: {
        current_page: page,
        prev_page: page > 1 ? page - 1 : null,
        next_page: page < totalPages ? page + 1 : null,
        total_pages: totalPages,
        total_count: items.length,
        per_page: perPage,
      },
    },
  };
}

function clamp(value: number, min: number, max: number, fallback: number): number {
  if (!Number.isInteger(value)) return fallback;
  return Math.min(max, Math.max(min, value));
}
