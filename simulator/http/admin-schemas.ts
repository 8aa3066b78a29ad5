import { z } from "zod";
import { STEP_NAMES } from "../migrations/types";

/** Bodies of the `/_simulator/` admin routes. */

const stepName = z.enum(STEP_NAMES);

const faultRule = z.strictObject({
  method: z.string().min(1).optional(),
  path: z
    .string()
    .min(1)
    .refine((p) => !p.startsWith("^") || isValidRegExp(p), "is not a valid regular expression")
    .optional(),
  region: z.string().min(1).nullable().optional(),
  rate: z.number().min(0).max(1).optional(),
  count: z.number().int().positive().optional(),
  latencyMs: z.number().min(0).optional(),
  status: z.number().int().min(100).max(599).optional(),
  body: z.union([z.string(), z.record(z.string(), z.unknown()), z.array(z.unknown())]).optional(),
  processFirst: z.boolean().optional(),
  drop: z.enum(["before", "after"]).optional(),
});

export const faultsBody = z.object({ faults: z.array(faultRule) });

const scriptedFailure = z.strictObject({
  app: z.string().min(1),
  step: z.string().min(1),
  logs: z.string().optional(),
  during: stepName.optional(),
  times: z.number().int().positive().optional(),
});

export const failuresBody = z.object({ failures: z.array(scriptedFailure) });

export const stepDurationsBody = z.partialRecord(stepName, z.number().min(0));

function isValidRegExp(source: string): boolean {
  try {
    new RegExp(source);
    return true;
  } catch {
    return false;
  }
}
