/**
 * The AppMigration provider's methods, loaded at run time by the small serialized provider
 * (see serialized-provider.ts) from `pulumi-scalingo-migration/runtime`. Each method adapts
 * Pulumi's calling convention to the migration domain and back; no migration logic lives here.
 */
import type * as pulumi from "@pulumi/pulumi";
import { ScalingoConfigError, ScalingoNotFoundError } from "../client/errors";
import type { RegionMigration } from "../client/types";
import { MigrationError } from "../migration/errors";
import { COMPUTED, computedPlanNote, operationsOf, doneChangeMessage, nextStepHint } from "../migration/messages";
import { nextAction, plannedSteps } from "../migration/plan";
import { isStage, type Stage } from "../migration/stages";
import { buildOutputs, type MigrationOutputs } from "../migration/outputs";
import { runningStepOf } from "../migration/run-classifier";
import { toSpec, validateInputs, type CheckedInputs, type CheckFailure } from "./inputs";
import * as context from "./provider-context";
import { userMessage } from "./user-messages";
import { watchEngine } from "./engine-watchdog";
import { knownPart, unknownProperties } from "./unknowns";

watchEngine();

type Props = Record<string, unknown>;
/** Outputs as stored: the domain's outputs plus the inputs needed by diff, read and delete. */
type StoredOutputs = MigrationOutputs & { targetStage: Stage; timeouts: CheckedInputs["timeouts"]; owner: string; __provider?: string };

const REPLACING_INPUTS = ["app", "sourceRegion", "destinationRegion", "newName"] as const;

export { setLogSink } from "./provider-context";

export async function configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
  context.configure(req.config);
}

export async function check(olds: Props, news: Props): Promise<pulumi.dynamic.CheckResult> {
  const { inputs, partial, failures } = validateInputs(olds, news, process.env);
  const known = inputs ?? partial?.known;
  if (!known || failures.length) return { inputs: news, failures };
  failures.push(...(await checkAgainstScalingo(known)));
  // A new resource gets no diff: its plan is announced here, for `preview`.
  if (!failures.length && !olds.migrationId && !olds.app) announcePlan(known, partial?.computed ?? new Set(), undefined);
  // Computed inputs go back as the engine sent them: the update checks them again, known by then.
  const computed = Object.fromEntries([...(partial?.computed ?? [])].map((key) => [key, news[key]]));
  return { inputs: { ...known, ...computed, __provider: news.__provider }, failures };
}

export async function diff(_id: string, olds: Props, news: Props): Promise<pulumi.dynamic.DiffResult> {
  const stored = olds as unknown as StoredOutputs;
  // During a preview some inputs may still be computed: each counts as changed.
  const computed = unknownProperties(news);
  const inputs = knownPart(news) as Partial<CheckedInputs>;
  const replaces: string[] = REPLACING_INPUTS.filter((key) => !computed.has(key) && (stored[key] ?? "") !== (inputs[key] ?? ""));
  if (inputs.migrationId && inputs.migrationId !== stored.migrationId) replaces.push("migrationId");
  if (replaces.length && stored.status === "done") throw new Error(doneChangeMessage(replaces.join(", ")));
  // A computed one may turn out to differ: the migration may be replaced. Not a done one: the
  // update either finds the same value or refuses the change, as above.
  if (stored.status !== "done") replaces.push(...[...REPLACING_INPUTS, "migrationId"].filter((key) => computed.has(key)));
  const action = inputs.stage === undefined || inputs.migrateData === undefined ? undefined : nextAction(stored.status as never, { stage: inputs.stage, migrateData: inputs.migrateData });
  const inputsChanged =
    computed.size > 0 ||
    stored.migrateData !== inputs.migrateData ||
    stored.targetStage !== inputs.stage ||
    JSON.stringify(stored.timeouts ?? {}) !== JSON.stringify(inputs.timeouts ?? {});
  // Anything but "reached" (a step to run, a wait, a failure to report, a status this
  // version does not know) needs the update, which reads the server again.
  const changes = replaces.length > 0 || action?.kind !== "reached" || inputsChanged;
  if (changes) announcePlan(inputs, computed, replaces.length ? undefined : stored);
  return { changes, replaces, deleteBeforeReplace: replaces.length > 0 };
}

export async function create(news: Props): Promise<pulumi.dynamic.CreateResult> {
  const inputs = news as unknown as CheckedInputs;
  const outs = await advance(inputs, { stage: null }, news);
  return { id: outs.migrationId, outs };
}

export async function update(_id: string, olds: Props, news: Props): Promise<pulumi.dynamic.UpdateResult> {
  const stored = olds as unknown as StoredOutputs;
  const previous = { migrationId: stored.migrationId || undefined, stage: isStage(stored.stage) ? stored.stage : null };
  return { outs: await advance(news as unknown as CheckedInputs, previous, news) };
}

export async function read(id: string, props: Props): Promise<pulumi.dynamic.ReadResult> {
  const stored = props as unknown as StoredOutputs;
  try {
    const migrator = context.migrator(nameOf(stored.owner));
    const live = await migrator.find(stored.sourceRegion, stored.app, stored.migrationId || id);
    if (!live) return { id: "" };
    const spec = toSpec({ ...stored, stage: stored.targetStage } as CheckedInputs);
    const outs = await migrator.outputs(spec, live, isStage(stored.stage) ? stored.stage : null);
    return { id, props: store(outs, stored) };
  } catch (error) {
    throw new Error(userMessage(error, context.knownSecrets()));
  }
}

export async function deleteMigration(id: string, props: Props): Promise<void> {
  const stored = props as unknown as StoredOutputs;
  try {
    const spec = toSpec({ ...stored, stage: stored.targetStage ?? "create" } as CheckedInputs);
    await context.migrator(nameOf(stored.owner)).abort(spec, { migrationId: stored.migrationId || id, status: stored.status });
  } catch (error) {
    throw new Error(userMessage(error, context.knownSecrets()));
  }
}

/** Runs the domain and shapes success and failure the way the engine expects them. */
async function advance(inputs: CheckedInputs, previous: { migrationId?: string; stage: Stage | null }, news: Props): Promise<StoredOutputs> {
  const spec = toSpec(inputs);
  try {
    const outs = await context.migrator(nameOf(inputs.owner)).advance(spec, previous);
    return store(outs, declarationOf(inputs));
  } catch (error) {
    const message = userMessage(error, context.knownSecrets());
    const migration = error instanceof MigrationError ? error.migration : undefined;
    if (!migration && !previous.migrationId) throw new Error(message);
    // Partial state: keep the migration in the stack so the next up or destroy finds it.
    const known = migration ?? (await lastKnown(inputs, previous.migrationId!));
    if (!known) throw new Error(message);
    const outs = store(buildOutputs(spec, known, previous.stage), declarationOf(inputs));
    throw Object.assign(new Error(message), { id: known.id, properties: { ...outs, __provider: news.__provider }, reasons: [message] });
  }
}

async function lastKnown(inputs: CheckedInputs, migrationId: string) {
  try {
    return await context.migrator(nameOf(inputs.owner)).find(inputs.sourceRegion, inputs.app, migrationId);
  } catch {
    return undefined;
  }
}

interface Declaration {
  targetStage: Stage;
  timeouts: CheckedInputs["timeouts"];
  owner: string;
}

function store(outs: MigrationOutputs, declaration: Declaration): StoredOutputs {
  return { ...outs, targetStage: declaration.targetStage, timeouts: declaration.timeouts ?? {}, owner: declaration.owner ?? "" };
}

function declarationOf(inputs: CheckedInputs): Declaration {
  return { targetStage: inputs.stage, timeouts: inputs.timeouts, owner: inputs.owner };
}

/** Optional online checks of the known inputs: only when credentials exist (a preview may have none). */
async function checkAgainstScalingo(inputs: Partial<CheckedInputs>): Promise<CheckFailure[]> {
  const client = context.optionalClient();
  if (!client) return [];
  const failures: CheckFailure[] = [];
  for (const property of ["sourceRegion", "destinationRegion"] as const) {
    const region = inputs[property];
    if (region === undefined) continue;
    try {
      await client.requireRegion(region, property);
    } catch (error) {
      if (error instanceof ScalingoConfigError && error.code === "unknown_region") failures.push({ property, reason: error.message });
      else if (error instanceof ScalingoConfigError) failures.push({ property, reason: userMessage(error, context.knownSecrets()) });
      else return failures; // Scalingo unreachable: the update itself will say so.
    }
  }
  if (inputs.migrationId && inputs.app && inputs.sourceRegion && !failures.length) {
    try {
      await client.getMigration(inputs.sourceRegion, inputs.app, inputs.migrationId, "read");
    } catch (error) {
      if (error instanceof ScalingoNotFoundError) {
        failures.push({ property: "migrationId", reason: `migrationId '${inputs.migrationId}' is not a region migration of app '${inputs.app}' in ${inputs.sourceRegion}: check the id (scalingo --app ${inputs.app} migrations lists them)` });
      }
    }
  }
  return failures;
}

/**
 * What the next `up` will do, printed during `preview` (and `up`) without touching Scalingo.
 * Computed inputs (a preview's unknowns) are said to be so; the plan shows what is known.
 */
function announcePlan(inputs: Partial<CheckedInputs>, computed: ReadonlySet<string>, stored: StoredOutputs | undefined): void {
  const name = nameOf(inputs.owner);
  if (inputs.stage === undefined || inputs.migrateData === undefined) {
    context.log(`[${name}] plan: ${computedPlanNote([...computed])}`);
    return;
  }
  const status = stored?.status as never;
  const running = stored && stored.status === "running" ? runningStepOf({ steps: stored.steps as RegionMigration["steps"], status: "running", newAppId: stored.newAppId }, inputs.migrateData) : undefined;
  const planned = plannedSteps(status, { stage: inputs.stage, migrateData: inputs.migrateData }, running);
  const destination = inputs.destinationRegion ?? COMPUTED;
  if (!Array.isArray(planned)) {
    if (planned.kind === "blocked") context.log(`[${name}] plan: nothing can run: ${nextStepHint(status, destination)}`);
    return;
  }
  const app = inputs.app ?? COMPUTED;
  const dstName = inputs.newName === undefined ? COMPUTED : inputs.newName || app;
  const names = { app, dstName, source: inputs.sourceRegion ?? COMPUTED, destination, dataSkipped: !inputs.migrateData };
  if (running) context.log(`[${name}] plan: wait for the running '${running}' step`);
  for (const step of planned) {
    context.log(`[${name}] plan: ${step === "preflight" ? "create" : step}: the following operations will be achieved:`);
    for (const operation of operationsOf(step, names)) context.log(`[${name}]   - ${operation}`);
  }
}

function nameOf(owner: string | undefined): string {
  return owner?.split("/").pop() || "AppMigration";
}
