import { z } from "zod";
import { describeIssues } from "../zod-issues";
import { badRequest } from "./api-response";
import { jsonBody, type IncomingCall } from "./incoming-call";

/** Request bodies of the Scalingo routes, checked at the edge. */

export const exchangeBody = z.union([z.undefined(), z.looseObject({})]);

export const createMigrationBody = z.object({
  migration: z.object({
    destination: z.string(),
    // Always sent by real clients; empty or null means "same name as the source app".
    dst_app_name: z
      .string()
      .nullish()
      .transform((n) => n ?? ""),
  }),
});

export const runStepBody = z.object({ step: z.string() });

export const updateAppBody = z.object({
  app: z.object({
    force_https: z.boolean().optional(),
    sticky_session: z.boolean().optional(),
    router_logs: z.boolean().optional(),
    stack_id: z.string().optional(),
    project_id: z.string().optional(),
  }),
});

export const scaleBody = z.object({
  containers: z
    .array(
      z.object({
        name: z.string().min(1),
        amount: z.number().int().min(0),
        // go-scalingo always sends `size`, empty when unchanged.
        size: z
          .string()
          .optional()
          .transform((size) => (size === "" ? undefined : size)),
      }),
    )
    .min(1),
});

/** The body parsed by `schema`, or a 400 naming what is wrong. */
export function parseBody<S extends z.ZodType>(schema: S, call: IncomingCall): z.output<S> {
  const parsed = schema.safeParse(jsonBody(call));
  if (!parsed.success) throw badRequest(`invalid request body: ${describeIssues(parsed.error)}`);
  return parsed.data;
}
