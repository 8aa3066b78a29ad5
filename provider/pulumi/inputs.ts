import { z } from "zod";
import { parseDuration } from "../migration/durations";
import { DEFAULT_TIMEOUTS_MS, ENGINE_CHOICES, type EngineChoice, type MigrationSpec, type TimedStep, type UserCertificate } from "../migration/spec";
import { STAGES, stageIndex, isStage } from "../migration/stages";
import { backwardsMessage } from "../migration/messages";
import { knownPart, unknownProperties } from "./unknowns";

/**
 * The AppMigration inputs as they cross the Pulumi boundary: validated here, once, with
 * messages that name the property and say what would be right. Inside, only MigrationSpec.
 */

/** Scalingo's rule for app names: 6–48 lowercase letters, digits and single inner hyphens. */
const APP_NAME = /^(?=.{6,48}$)[a-z0-9]+(?:-[a-z0-9]+)*$/;
const APP_NAME_RULE = "6 to 48 lowercase letters, digits and hyphens, not starting or ending with a hyphen, without double hyphens (e.g. \"my-app\")";
const REGION_NAME = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const TIMED_STEPS = ["preflight", "prepare", "data", "finalize", "abort"] as const;
const DOMAIN_NAME = /^(?:\*\.)?(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

const appName = (what: string) =>
  z.string({ error: `${what} must be a string: ${APP_NAME_RULE}` }).regex(APP_NAME, `${what} must be ${APP_NAME_RULE}`);

const regionName = (what: string) =>
  z
    .string({ error: `${what} must be a region name such as "osc-fr1"` })
    .regex(REGION_NAME, `${what} must be a region name such as "osc-fr1" or "osc-secnum-fr1"`);

const duration = (step: string) =>
  z
    .string({ error: `timeouts.${step} must be a duration such as "30m", "2h" or "1h30m"` })
    .refine((text) => parseDuration(text) !== undefined, `timeouts.${step} must be a duration such as "30m", "2h" or "1h30m"`);

const inputsSchema = z.object({
  app: z
    .string({ error: (issue) => (issue.input === undefined ? "app is required: the source app's name or id" : `app must be a string: ${APP_NAME_RULE}`) })
    .pipe(appName("app")),
  sourceRegion: regionName("sourceRegion").optional(),
  destinationRegion: z.string({ error: "destinationRegion is required, e.g. \"osc-secnum-fr1\"" }).pipe(regionName("destinationRegion")),
  // The type is checked first: a union of two failed options would only say "Invalid input".
  newName: z
    .string({ error: `newName must be a string: ${APP_NAME_RULE}, or "" to keep the source app's name` })
    .pipe(z.union([z.literal(""), appName("newName")]))
    .optional(),
  stage: z.enum(STAGES, { error: `stage must be one of ${STAGES.map((s) => `"${s}"`).join(", ")}` }),
  migrateData: z.boolean({ error: "migrateData must be true or false" }).optional(),
  migrationId: z
    .string({ error: "migrationId must be the id of an existing region migration (a UUID)" })
    .regex(/^[A-Za-z0-9][A-Za-z0-9-]{0,63}$/, "migrationId must be the id of an existing region migration (a UUID)")
    .optional(),
  timeouts: z
    .strictObject(
      {
        preflight: duration("preflight").optional(),
        prepare: duration("prepare").optional(),
        data: duration("data").optional(),
        finalize: duration("finalize").optional(),
        abort: duration("abort").optional(),
      },
      { error: `timeouts accepts only ${TIMED_STEPS.join(", ")}, each a duration such as "30m"` },
    )
    .optional(),
  owner: z.string().optional(),
  engine: z.enum(ENGINE_CHOICES, { error: `engine must be one of ${ENGINE_CHOICES.map((e) => `"${e}"`).join(", ")}: "auto" picks "server" when the source region still offers the region-migration API, "client" otherwise` }).optional(),
  sourceArchive: z
    .string({ error: "sourceArchive must be a string: a local .tar.gz path or an http(s) URL of one" })
    // Another scheme (ftp://, s3://) would be read as a local path and fail only at prepare.
    .refine((text) => text === "" || /^https?:\/\//.test(text) || (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text) && /\.(tar\.gz|tgz)$/.test(text)), "sourceArchive must be a local .tar.gz path or an http(s) URL of one (Scalingo deploys a .tar.gz with one top-level folder)")
    .optional(),
  certificates: z
    .record(
      z.string().regex(DOMAIN_NAME, "certificates keys must be domain names such as \"www.example.com\""),
      z.strictObject(
        {
          certificate: z.string({ error: "certificates.<domain>.certificate must be the PEM certificate (chain)" }).regex(/-----BEGIN [A-Z ]+-----/, "certificates.<domain>.certificate must be a PEM certificate"),
          privateKey: z.string({ error: "certificates.<domain>.privateKey must be the PEM private key" }).regex(/-----BEGIN [A-Z ]*PRIVATE KEY-----/, "certificates.<domain>.privateKey must be a PEM private key"),
        },
        { error: "certificates.<domain> must be {certificate, privateKey}, both PEM" },
      ),
      { error: "certificates must map domain names to {certificate, privateKey}" },
    )
    .optional(),
});

type InputName = keyof typeof inputsSchema.shape;

/** Inputs after check: defaults applied, plain JSON, no undefined. */
export interface CheckedInputs {
  app: string;
  sourceRegion: string;
  destinationRegion: string;
  newName: string;
  stage: (typeof STAGES)[number];
  migrateData: boolean;
  migrationId?: string;
  timeouts: Partial<Record<TimedStep, string>>;
  owner: string;
  /** Which engine moves the app; "auto" is resolved once, at create (see engine-choice.ts). */
  engine: EngineChoice;
  /** Client engine: the code to deploy when the app has no SCM link ("" = none). */
  sourceArchive: string;
  /** Client engine: user-supplied certificates of domains with an uploaded one. Secret. */
  certificates: Record<string, { certificate: string; privateKey: string }>;
}

export interface CheckFailure {
  property: string;
  reason: string;
}

export interface Validation {
  failures: CheckFailure[];
  /** Every input, defaults applied: set when all of them are known. */
  inputs?: CheckedInputs;
  /**
   * During a preview, when some inputs come from resources not created yet: the known ones
   * (defaults applied) and the names of the others. Set instead of `inputs`.
   */
  partial?: { known: Partial<CheckedInputs>; computed: ReadonlySet<InputName> };
}

/**
 * Validates what is known and never fails on what is not: a computed input skips the rules
 * that read it (the update checks it again, known by then), the others still apply.
 */
export function validateInputs(olds: Record<string, unknown>, news: Record<string, unknown>, env: NodeJS.ProcessEnv): Validation {
  const props = withoutProvider(news);
  const computed = new Set([...unknownProperties(props)].filter((key): key is InputName => key in inputsSchema.shape));
  const schema = computed.size ? inputsSchema.partial(Object.fromEntries([...computed].map((key) => [key, true])) as Partial<Record<InputName, true>>) : inputsSchema;
  const parsed = schema.safeParse(Object.fromEntries(Object.entries(props).map(([key, value]) => [key, knownPart(value)])));
  if (!parsed.success) {
    return { failures: parsed.error.issues.map((issue) => ({ property: String(issue.path[0] ?? ""), reason: issue.message })) };
  }
  const raw = parsed.data;
  const failures: CheckFailure[] = [];
  const sourceRegion = computed.has("sourceRegion") ? undefined : (raw.sourceRegion ?? env.SCALINGO_REGION ?? "");
  if (sourceRegion === "") {
    failures.push({ property: "sourceRegion", reason: "sourceRegion is not set and neither is SCALINGO_REGION: set one of them to the app's current region, e.g. \"osc-fr1\"" });
  } else if (sourceRegion !== undefined && !REGION_NAME.test(sourceRegion)) {
    failures.push({ property: "sourceRegion", reason: `SCALINGO_REGION must be a region name such as "osc-fr1", got '${sourceRegion}'` });
  }
  if (sourceRegion && sourceRegion === raw.destinationRegion) {
    failures.push({ property: "destinationRegion", reason: `destinationRegion must differ from sourceRegion (both are ${sourceRegion}): name the region the app moves to` });
  }
  if (raw.stage === "data" && raw.migrateData === false) {
    failures.push({
      property: "stage",
      reason: 'stage "data" needs migrateData: true; with migrateData: false you copy the data yourself, then set stage to "finalize"',
    });
  }
  if (raw.stage !== undefined && isStage(olds.stage) && stageIndex(raw.stage) < stageIndex(olds.stage)) {
    failures.push({ property: "stage", reason: backwardsMessage(olds.stage, raw.stage) });
  }
  const inputs = {
    app: raw.app,
    sourceRegion,
    destinationRegion: raw.destinationRegion,
    newName: raw.newName ?? "",
    stage: raw.stage,
    migrateData: raw.migrateData ?? true,
    ...(raw.migrationId ? { migrationId: raw.migrationId } : {}),
    timeouts: stripUndefined(raw.timeouts ?? {}),
    owner: raw.owner ?? "",
    engine: raw.engine ?? "auto",
    sourceArchive: raw.sourceArchive ?? "",
    certificates: raw.certificates ?? {},
  };
  if (!computed.size) return { inputs: inputs as CheckedInputs, failures };
  const known = Object.fromEntries(Object.entries(inputs).filter(([key]) => !computed.has(key as InputName))) as Partial<CheckedInputs>;
  return { partial: { known, computed }, failures };
}

export function toSpec(inputs: CheckedInputs): MigrationSpec {
  const timeouts = { ...DEFAULT_TIMEOUTS_MS };
  for (const step of TIMED_STEPS) {
    const text = inputs.timeouts?.[step];
    const parsed = text === undefined ? undefined : parseDuration(text);
    if (parsed !== undefined) timeouts[step] = parsed;
  }
  return {
    app: inputs.app,
    sourceRegion: inputs.sourceRegion,
    destinationRegion: inputs.destinationRegion,
    newName: inputs.newName,
    stage: inputs.stage,
    migrateData: inputs.migrateData,
    migrationId: inputs.migrationId,
    timeouts,
    owner: inputs.owner,
    engine: inputs.engine ?? "auto",
    sourceArchive: inputs.sourceArchive ?? "",
    certificates: certificatesOf(inputs.certificates ?? {}),
  };
}

/** By lower-case domain name (Scalingo's domain names are case-insensitive). */
function certificatesOf(raw: CheckedInputs["certificates"]): Record<string, UserCertificate> {
  return Object.fromEntries(Object.entries(raw).map(([domain, pair]) => [domain.toLowerCase(), { certificate: pair.certificate, privateKey: pair.privateKey }]));
}

function withoutProvider(props: Record<string, unknown>): Record<string, unknown> {
  const { __provider: _ignored, ...rest } = props;
  return rest;
}

function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
