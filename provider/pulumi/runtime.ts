/**
 * The AppMigration provider's code, loaded by the dynamic provider
 * (see serialized-provider.ts) from `pulumi-scalingo-migration/runtime`. Each method adapts
 * Pulumi's calling convention to the migration engine (provider-context.ts picks it) and back;
 * no migration logic lives here: what the next `up` does, and how, is the engine's.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { MigrationEngine, PlanTarget, PreviousState, UpPlan } from "../migration/engine";
import { MigrationError } from "../migration/errors";
import { COMPUTED, computedPlanNote, doneChangeMessage, planLines, type OperationNames } from "../migration/messages";
import type { MigrationSnapshot } from "../migration/snapshot";
import type { MigrationSpec } from "../migration/spec";
import { toSpec, validateInputs, type CheckedInputs } from "./inputs";
import * as context from "./provider-context";
import { engineOf, reachedStageOf, refreshed, snapshotOfState, specOf, stored, type StoredOutputs } from "./stored-state";
import { engineChangeProblem, keptEngine } from "./engine-choice";
import type { EngineKind } from "../migration/spec";
import { knownPart, unknownProperties } from "./unknowns";
import { problemMessage, userMessage } from "./user-messages";
import { watchEngine } from "./engine-watchdog";

watchEngine();

type Props = Record<string, unknown>;

const REPLACING_INPUTS = ["app", "sourceRegion", "destinationRegion", "newName"] as const;

export { setLogSink } from "./provider-context";

export async function configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
  context.configure(req.config);
}

export async function check(olds: Props, news: Props): Promise<pulumi.dynamic.CheckResult> {
  const { inputs, partial, failures } = validateInputs(olds, news, process.env);
  const known = inputs ?? partial?.known;
  if (!known || failures.length) return { inputs: news, failures };
  const isNew = !olds.migrationId && !olds.app;
  const kind = isNew ? await previewPick(known) : keptEngine(engineOf(olds), known.engine, olds.status as string | undefined);
  const engine = engineFor(known.owner, kind);
  const problems = await engine.checkDeclaration(known);
  failures.push(...problems.map(({ property, reason }) => ({ property, reason: problemMessage(reason, context.knownSecrets()) })));
  // A new resource gets no diff: its plan is announced here, for `preview`.
  if (!failures.length && isNew) {
    const plan = planFor(engine, known, undefined);
    announce(known, partial?.computed ?? new Set(), plan, kind);
    if (inputs) await announceChanges(engine, inputs, undefined, plan);
  }
  // Computed inputs go back as the engine sent them: the update checks them again, known by then.
  const computed = Object.fromEntries([...(partial?.computed ?? [])].map((key) => [key, news[key]]));
  return { inputs: { ...known, ...computed, __provider: news.__provider }, failures };
}

export async function diff(_id: string, olds: Props, news: Props): Promise<pulumi.dynamic.DiffResult> {
  const state = olds as unknown as StoredOutputs;
  // During a preview some inputs may still be computed: each counts as changed.
  const computed = unknownProperties(news);
  const inputs = knownPart(news) as Partial<CheckedInputs>;
  const replaces: string[] = REPLACING_INPUTS.filter((key) => !computed.has(key) && (state[key] ?? "") !== (inputs[key] ?? ""));
  if (inputs.migrationId && inputs.migrationId !== state.migrationId) replaces.push("migrationId");
  if (replaces.length && state.status === "done") throw new Error(doneChangeMessage(replaces.join(", ")));
  // A computed one may turn out to differ: the migration may be replaced. Not a done one: the
  // update either finds the same value or refuses the change, as above.
  if (state.status !== "done") replaces.push(...[...REPLACING_INPUTS, "migrationId"].filter((key) => computed.has(key)));
  const engineProblem = engineChangeProblem(engineOf(state), inputs.engine, state.status);
  if (engineProblem) throw new Error(engineProblem);
  const engine = engineFor(inputs.owner, keptEngine(engineOf(state), inputs.engine, state.status));
  const plan = planFor(engine, inputs, snapshotOfState(state));
  const inputsChanged =
    computed.size > 0 ||
    state.migrateData !== inputs.migrateData ||
    state.targetStage !== inputs.stage ||
    JSON.stringify(state.timeouts ?? {}) !== JSON.stringify(inputs.timeouts ?? {});
  // Anything but "reached" (a step to run, a wait, a failure to report, a status this
  // version does not know) needs the update, which reads the engine's state again.
  const changes = replaces.length > 0 || !plan?.reached || inputsChanged;
  if (changes) {
    const next = replaces.length ? planFor(engine, inputs, undefined) : plan;
    announce(inputs, computed, next, keptEngine(engineOf(state), inputs.engine, state.status));
    if (!computed.size) await announceChanges(engine, inputs as CheckedInputs, replaces.length ? undefined : snapshotOfState(state), next);
  }
  return { changes, replaces, deleteBeforeReplace: replaces.length > 0 };
}

export async function create(news: Props): Promise<pulumi.dynamic.CreateResult> {
  const inputs = news as unknown as CheckedInputs;
  let pick;
  try {
    pick = await context.resolveEngine(inputs.engine ?? "auto", inputs.app, inputs.sourceRegion);
  } catch (error) {
    throw new Error(userMessage(error, context.knownSecrets()));
  }
  context.log(`[${nameOf(inputs.owner)}] engine: ${pick.kind} (${pick.why})`);
  const outs = await advance(inputs, { reachedStage: null }, news, pick.kind);
  return { id: outs.migrationId, outs };
}

export async function update(_id: string, olds: Props, news: Props): Promise<pulumi.dynamic.UpdateResult> {
  const state = olds as unknown as StoredOutputs;
  const inputs = news as unknown as CheckedInputs;
  const previous = { migrationId: state.migrationId || undefined, reachedStage: reachedStageOf(state) };
  return { outs: await advance(inputs, previous, news, keptEngine(engineOf(state), inputs.engine, state.status)) };
}

export async function read(id: string, props: Props): Promise<pulumi.dynamic.ReadResult> {
  const state = props as unknown as StoredOutputs;
  try {
    const live = await engineFor(state.owner, engineOf(state)).read(specOf(state), state.migrationId || id, reachedStageOf(state));
    if (!live) return { id: "" };
    return { id, props: refreshed(state, live) };
  } catch (error) {
    throw new Error(userMessage(error, context.knownSecrets()));
  }
}

export async function deleteMigration(id: string, props: Props): Promise<void> {
  const state = props as unknown as StoredOutputs;
  try {
    await engineFor(state.owner, engineOf(state)).abort(specOf(state), { migrationId: state.migrationId || id, status: state.status });
  } catch (error) {
    throw new Error(userMessage(error, context.knownSecrets()));
  }
}

/** Runs the engine and shapes success and failure the way the Pulumi engine expects them. */
async function advance(inputs: CheckedInputs, previous: PreviousState, news: Props, kind: EngineKind): Promise<StoredOutputs> {
  const spec = toSpec(inputs);
  const engine = engineFor(inputs.owner, kind);
  try {
    return stored(spec, await engine.advance(spec, previous), inputs);
  } catch (error) {
    const message = userMessage(error, context.knownSecrets());
    const snapshot = error instanceof MigrationError ? error.snapshot : undefined;
    if (!snapshot && !previous.migrationId) throw new Error(message);
    // Partial state: keep the migration in the stack so the next up or destroy finds it.
    const known = snapshot ?? (await lastKnown(engine, spec, previous));
    if (!known) throw new Error(message);
    const outs = stored(spec, known, inputs);
    throw Object.assign(new Error(message), { id: known.id, properties: { ...outs, __provider: news.__provider }, reasons: [message] });
  }
}

async function lastKnown(engine: MigrationEngine, spec: MigrationSpec, previous: PreviousState): Promise<MigrationSnapshot | undefined> {
  try {
    return await engine.read(spec, previous.migrationId!, previous.reachedStage);
  } catch {
    return undefined;
  }
}

/** The plan for what is known: none while stage or migrateData is computed (a preview's unknowns). */
function planFor(engine: MigrationEngine, inputs: Partial<CheckedInputs>, last: MigrationSnapshot | undefined): UpPlan | undefined {
  if (inputs.stage === undefined || inputs.migrateData === undefined) return undefined;
  const target: PlanTarget = { stage: inputs.stage, migrateData: inputs.migrateData };
  return engine.plan(target, last);
}

/**
 * What the next `up` will do, printed during `preview` (and `up`) without calling anything.
 * Names still computed (a preview's unknowns) are shown as such.
 */
function announce(inputs: Partial<CheckedInputs>, computed: ReadonlySet<string>, plan: UpPlan | undefined, engine: EngineKind): void {
  const name = nameOf(inputs.owner);
  if (!plan) {
    context.log(`[${name}] plan: ${computedPlanNote([...computed])}`);
    return;
  }
  const app = inputs.app ?? COMPUTED;
  const names: OperationNames = {
    app,
    dstName: inputs.newName === undefined ? COMPUTED : inputs.newName || app,
    source: inputs.sourceRegion ?? COMPUTED,
    destination: inputs.destinationRegion ?? COMPUTED,
    dataSkipped: !inputs.migrateData,
    engine,
  };
  for (const line of planLines(name, plan, names)) context.log(line);
}

/** The engine's per-kind list of what the next up changes (reads only), when it has one. Offline it says so and goes on. */
async function announceChanges(engine: MigrationEngine, inputs: CheckedInputs, last: MigrationSnapshot | undefined, plan: UpPlan | undefined): Promise<void> {
  if (!engine.describeNextUp || !plan) return;
  const name = nameOf(inputs.owner);
  try {
    for (const line of await engine.describeNextUp(toSpec(inputs), last, plan)) context.log(`[${name}] ${line}`);
  } catch (error) {
    context.log(`[${name}] next up: what changes per kind is not known now (${userMessage(error, context.knownSecrets()).split("\n")[0]})`);
  }
}

function engineFor(owner: string | undefined, kind: EngineKind): MigrationEngine {
  return context.engine(nameOf(owner), kind);
}

/**
 * The engine a new resource will get, said during `preview`. Offline (no token) or when the
 * probe fails, "auto" is said to be decided at create, and the plan shown is the server's.
 */
async function previewPick(known: Partial<CheckedInputs>): Promise<EngineKind> {
  const declared = known.engine ?? "auto";
  const name = nameOf(known.owner);
  if (declared !== "auto") {
    context.log(`[${name}] engine: ${declared} (declared engine: "${declared}")`);
    return declared;
  }
  if (!known.app || !known.sourceRegion) {
    context.log(`[${name}] engine: auto, decided at create (the app or its region is not known yet)`);
    return "server";
  }
  try {
    const pick = await context.resolveEngine(declared, known.app, known.sourceRegion);
    context.log(`[${name}] engine: ${pick.kind} (${pick.why})`);
    return pick.kind;
  } catch {
    context.log(`[${name}] engine: auto, decided at create (the source region could not be asked now)`);
    return "server";
  }
}

function nameOf(owner: string | undefined): string {
  return owner?.split("/").pop() || "AppMigration";
}
