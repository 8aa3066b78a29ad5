import * as assert from "node:assert/strict";
import fc from "fast-check";
import { nextAction, plannedSteps, statusAfter } from "../../provider/engines/server/planner";
import { STAGES, stageProvenBy, type MigrationStatus, type RunStep, type Stage } from "../../provider/migration/stages";
import { toSpec, validateInputs } from "../../provider/pulumi/inputs";
import type { Simulator } from "../../simulator";
import { simulatorWithEnv } from "../support/simulator-env";
import { sharedProvider } from "./support/provider-driver";

const INPUT_KEYS = ["app", "sourceRegion", "destinationRegion", "newName", "stage", "migrateData", "migrationId", "timeouts", "owner"] as const;

/** Any JSON object, keyed mostly by real input names so the deeper checks are reached too. */
const jsonishProps = fc.dictionary(fc.oneof(fc.constantFrom(...INPUT_KEYS), fc.string({ maxLength: 12 })), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 10 });

/** Declarations close to valid: each field either plausible or arbitrary JSON. */
const nearValidProps = fc.record(
  {
    app: fc.oneof(fc.constantFrom("my-app", "my-app-2", "abc", "-x-"), fc.jsonValue({ maxDepth: 1 })),
    sourceRegion: fc.oneof(fc.constantFrom("osc-fr1", "osc-secnum-fr1", "osc-mars", ""), fc.jsonValue({ maxDepth: 1 })),
    destinationRegion: fc.oneof(fc.constantFrom("osc-fr1", "osc-secnum-fr1", "osc-mars"), fc.jsonValue({ maxDepth: 1 })),
    newName: fc.oneof(fc.constantFrom("", "new-name", "Bad_Name"), fc.jsonValue({ maxDepth: 1 })),
    stage: fc.oneof(fc.constantFrom(...STAGES), fc.jsonValue({ maxDepth: 1 })),
    migrateData: fc.oneof(fc.boolean(), fc.jsonValue({ maxDepth: 1 })),
    migrationId: fc.oneof(fc.uuid(), fc.string({ maxLength: 70 })),
    timeouts: fc.oneof(
      fc.dictionary(fc.constantFrom("preflight", "prepare", "data", "finalize", "abort", "deploy"), fc.oneof(fc.constantFrom("30m", "1h30m", "2h", "0s", "soon"), fc.jsonValue({ maxDepth: 1 }))),
      fc.jsonValue({ maxDepth: 2 }),
    ),
  },
  { requiredKeys: [] },
);

const anyProps = fc.oneof(jsonishProps, nearValidProps) as fc.Arbitrary<Record<string, unknown>>;
const anyEnv = fc.record({ SCALINGO_REGION: fc.option(fc.oneof(fc.constantFrom("osc-fr1", "Paris 1"), fc.string()), { nil: undefined }) }, { requiredKeys: [] });

function wellFormed(failures: { property: string; reason: string }[]): void {
  for (const failure of failures) {
    assert.equal(typeof failure.property, "string");
    assert.ok(typeof failure.reason === "string" && failure.reason.length > 0, `empty reason: ${JSON.stringify(failure)}`);
  }
}

describe("reliability: properties (fast-check)", function () {
  this.timeout(120_000);

  describe("validateInputs", () => {
    it("never throws on arbitrary JSON, and what it accepts makes a sane spec", () => {
      fc.assert(
        fc.property(anyProps, anyProps, anyEnv, (olds, news, env) => {
          const { inputs, failures } = validateInputs(olds, news, env as NodeJS.ProcessEnv);
          wellFormed(failures);
          if (!inputs || failures.length) return;
          const spec = toSpec(inputs);
          for (const limit of Object.values(spec.timeouts)) assert.ok(Number.isFinite(limit) && limit > 0, `timeout ${limit}`);
          assert.notEqual(spec.sourceRegion, spec.destinationRegion);
          assert.ok(STAGES.includes(spec.stage));
        }),
        { numRuns: 1_000 },
      );
    });

    it("accepts an app name exactly when it follows Scalingo's rule", () => {
      // The rule, written independently of the provider's regular expression.
      const followsRule = (name: string) =>
        name.length >= 6 && name.length <= 48 && /^[a-z0-9-]+$/.test(name) && !name.startsWith("-") && !name.endsWith("-") && !name.includes("--");
      const names = fc.string({ unit: fc.constantFrom(..."ab9-A_ .é"), minLength: 0, maxLength: 52 });
      fc.assert(
        fc.property(fc.oneof(names, fc.string({ unit: fc.constantFrom(..."a-"), minLength: 4, maxLength: 50 })), (app) => {
          const { failures } = validateInputs({}, { app, sourceRegion: "osc-fr1", destinationRegion: "osc-secnum-fr1", stage: "create" }, {});
          assert.equal(!failures.some((f) => f.property === "app"), followsRule(app), `app ${JSON.stringify(app)}: ${JSON.stringify(failures)}`);
        }),
        { numRuns: 2_000 },
      );
    });
  });

  describe("the provider's check, serialized as Pulumi does, against the simulator", () => {
    let simulator: Simulator;
    before(async () => {
      simulator = await simulatorWithEnv();
      await (await sharedProvider()).configure();
    });
    after(() => simulator?.close());

    it("never throws on arbitrary JSON and never writes", async () => {
      const provider = await sharedProvider();
      await fc.assert(
        fc.asyncProperty(anyProps, anyProps, async (olds, news) => {
          const result = await provider.check(olds, news);
          wellFormed(result.failures);
        }),
        { numRuns: 150 },
      );
      const writes = simulator.requests().filter((r) => r.method !== "GET" && r.path !== "/v1/tokens/exchange");
      assert.deepEqual(writes, []);
    });
  });

  describe("the transition planner", () => {
    const STEPS: readonly RunStep[] = ["preflight", "prepare", "data", "finalize"];
    const KNOWN: readonly (MigrationStatus | undefined)[] = [
      undefined, "created", "preflight-success", "preflight-error", "running", "prepared", "data-migrated", "done", "error", "aborting", "aborted",
    ];
    const target = fc.record({ stage: fc.constantFrom(...STAGES), migrateData: fc.boolean() });
    const stepIndex = (step: RunStep) => STEPS.indexOf(step);
    /** The step a stage ends with: create is proven by the preflight. */
    const lastStepOf = (stage: Stage) => (stage === "create" ? 0 : STEPS.indexOf(stage as RunStep));

    it("always has a next action, for every status and target", () => {
      fc.assert(
        fc.property(fc.constantFrom(...KNOWN), target, (status, wanted) => {
          const action = nextAction(status, wanted);
          assert.ok(action && ["create", "run", "wait", "reached", "blocked"].includes(action.kind), `${status}: ${JSON.stringify(action)}`);
          if (action.kind === "run") assert.ok(STEPS.includes(action.step));
        }),
        { numRuns: 500 },
      );
    });

    it("plans a forward path: every step after what the status proves, up to the target, in order, data only when asked", () => {
      fc.assert(
        fc.property(fc.constantFrom(...KNOWN), target, fc.option(fc.constantFrom(...STEPS), { nil: undefined }), (status, wanted, running) => {
          const plan = plannedSteps(status, wanted, status === "running" ? running : undefined);
          if (!Array.isArray(plan)) {
            assert.ok(["wait", "blocked"].includes(plan.kind), `${status}: ${JSON.stringify(plan)}`);
            return;
          }
          const indexes = plan.map(stepIndex);
          indexes.forEach((index, i) => i > 0 && assert.ok(index > indexes[i - 1]!, `not increasing: ${plan}`));
          // The oracle, written from the contract's transition table rather than the planner:
          // the steps after the last one the status proves (or the one running), up to the
          // target's, skipping data when the user copies it.
          const proven = status === undefined ? undefined : stageProvenBy(status);
          const floor = status === "running" && running ? stepIndex(running) : proven ? lastStepOf(proven) : -1;
          const expected = STEPS.filter((step, i) => i > floor && i <= lastStepOf(wanted.stage) && (wanted.migrateData || step !== "data"));
          assert.deepEqual(plan, expected, `from ${status} (running ${running}) to ${JSON.stringify(wanted)}`);
          if (plan.length) assert.equal(nextAction(statusAfter(plan[plan.length - 1]!), wanted).kind, "reached", `${status}: ${plan} falls short`);
        }),
        { numRuns: 1_000 },
      );
    });
  });
});
