import * as assert from "node:assert/strict";
import { runtime } from "@pulumi/pulumi";
import { toSpec, validateInputs } from "../../provider/pulumi/inputs";

const valid = { app: "my-app", sourceRegion: "osc-fr1", destinationRegion: "osc-secnum-fr1", stage: "prepare" };

function failuresOf(news: Record<string, unknown>, olds: Record<string, unknown> = {}, env: NodeJS.ProcessEnv = {}) {
  return validateInputs(olds, news, env).failures;
}

/** Each bad input must be refused with a failure that names its property and what is right. */
const BAD_INPUTS: { title: string; news: Record<string, unknown>; olds?: Record<string, unknown>; property: string; mentions: RegExp }[] = [
  { title: "missing app", news: { ...valid, app: undefined }, property: "app", mentions: /name or id/ },
  { title: "app of wrong type", news: { ...valid, app: 42 }, property: "app", mentions: /lowercase/ },
  { title: "empty app", news: { ...valid, app: "" }, property: "app", mentions: /6 to 48/ },
  { title: "app too short", news: { ...valid, app: "abc" }, property: "app", mentions: /6 to 48/ },
  { title: "app too long", news: { ...valid, app: "a".repeat(49) }, property: "app", mentions: /6 to 48/ },
  { title: "app with capitals", news: { ...valid, app: "My-App1" }, property: "app", mentions: /lowercase/ },
  { title: "app with leading hyphen", news: { ...valid, app: "-myapp" }, property: "app", mentions: /hyphen/ },
  { title: "app with trailing hyphen", news: { ...valid, app: "myapp-" }, property: "app", mentions: /hyphen/ },
  { title: "app with double hyphen", news: { ...valid, app: "my--app" }, property: "app", mentions: /double hyphens/ },
  { title: "bad newName", news: { ...valid, newName: "New_Name" }, property: "newName", mentions: /6 to 48/ },
  { title: "missing destination", news: { ...valid, destinationRegion: undefined }, property: "destinationRegion", mentions: /osc-secnum-fr1/ },
  { title: "bad destination", news: { ...valid, destinationRegion: "Paris 1" }, property: "destinationRegion", mentions: /region name/ },
  { title: "source = destination", news: { ...valid, destinationRegion: "osc-fr1" }, property: "destinationRegion", mentions: /must differ/ },
  { title: "unknown stage", news: { ...valid, stage: "migrate" }, property: "stage", mentions: /"create", "prepare", "data", "finalize"/ },
  { title: "stage of wrong type", news: { ...valid, stage: 2 }, property: "stage", mentions: /one of/ },
  { title: "data without migrateData", news: { ...valid, stage: "data", migrateData: false }, property: "stage", mentions: /finalize/ },
  { title: "migrateData not boolean", news: { ...valid, migrateData: "yes" }, property: "migrateData", mentions: /true or false/ },
  { title: "backwards stage", news: { ...valid, stage: "prepare" }, olds: { ...valid, stage: "finalize" }, property: "stage", mentions: /pulumi destroy/ },
  { title: "malformed timeout", news: { ...valid, timeouts: { prepare: "soon" } }, property: "timeouts", mentions: /"30m"/ },
  { title: "numeric timeout", news: { ...valid, timeouts: { data: 60 } }, property: "timeouts", mentions: /duration/ },
  { title: "unknown timeout key", news: { ...valid, timeouts: { deploy: "1h" } }, property: "timeouts", mentions: /accepts only/ },
  { title: "bad migrationId", news: { ...valid, migrationId: "../../etc" }, property: "migrationId", mentions: /UUID/ },
  { title: "no source region anywhere", news: { ...valid, sourceRegion: undefined }, property: "sourceRegion", mentions: /SCALINGO_REGION/ },
];

describe("AppMigration input validation", () => {
  for (const bad of BAD_INPUTS) {
    it(`refuses ${bad.title}`, () => {
      const failures = failuresOf(bad.news, bad.olds);
      const failure = failures.find((f) => f.property === bad.property);
      assert.ok(failure, `no failure on ${bad.property}: ${JSON.stringify(failures)}`);
      assert.match(failure.reason, bad.mentions);
    });
  }

  it("accepts a valid declaration and applies the defaults", () => {
    const { inputs, failures } = validateInputs({}, { ...valid, sourceRegion: undefined }, { SCALINGO_REGION: "osc-fr1" });
    assert.deepEqual(failures, []);
    assert.deepEqual(inputs, { ...valid, newName: "", migrateData: true, timeouts: {}, owner: "", engine: "auto", sourceArchive: "", certificates: {} });
  });

  it("accepts an app id in place of a name", () => {
    assert.deepEqual(failuresOf({ ...valid, app: "5f3c1e2d9a7b4c0012345678" }), []);
  });

  it("turns timeouts into milliseconds, keeping the documented defaults for the rest", () => {
    const { inputs } = validateInputs({}, { ...valid, timeouts: { prepare: "1h30m", data: "2h" } }, {});
    const spec = toSpec(inputs!);
    assert.equal(spec.timeouts.prepare, 90 * 60_000);
    assert.equal(spec.timeouts.data, 2 * 3_600_000);
    assert.equal(spec.timeouts.finalize, 30 * 60_000);
  });

  it("lets the stage move forward", () => {
    assert.deepEqual(failuresOf({ ...valid, stage: "finalize" }, { ...valid, stage: "prepare" }), []);
  });
});

describe("AppMigration inputs computed from other resources (a preview's unknowns)", () => {
  const UNKNOWN = runtime.unknownValue;
  const computedOne = (property: string, value: unknown = UNKNOWN) => ({ ...valid, [property]: value });

  for (const property of ["app", "sourceRegion", "destinationRegion", "newName", "stage", "migrateData", "migrationId", "timeouts"]) {
    it(`accepts ${property} computed, and names it as such`, () => {
      const { inputs, partial, failures } = validateInputs({}, computedOne(property), {});
      assert.deepEqual(failures, []);
      assert.equal(inputs, undefined, "a computed input leaves the inputs partial");
      assert.deepEqual([...partial!.computed], [property]);
      assert.ok(!(property in partial!.known), `${property} must not get a default while computed`);
    });
  }

  it("accepts a value computed inside timeouts, and still checks the known ones beside it", () => {
    assert.deepEqual(failuresOf({ ...valid, timeouts: { prepare: UNKNOWN, data: "2h" } }), []);
    const failures = failuresOf({ ...valid, timeouts: { prepare: UNKNOWN, data: "soon" } });
    assert.equal(failures[0]?.property, "timeouts");
    assert.match(failures[0]!.reason, /timeouts.data must be a duration/);
  });

  it("accepts both regions computed: they cannot be compared yet", () => {
    assert.deepEqual(failuresOf({ ...valid, sourceRegion: UNKNOWN, destinationRegion: UNKNOWN }), []);
  });

  it("does not compare a computed source region with SCALINGO_REGION's value", () => {
    assert.deepEqual(failuresOf({ ...valid, sourceRegion: UNKNOWN, destinationRegion: "osc-fr1" }, {}, { SCALINGO_REGION: "osc-fr1" }), []);
  });

  it("skips the rules that read a computed stage or migrateData", () => {
    assert.deepEqual(failuresOf({ ...valid, stage: UNKNOWN }, { ...valid, stage: "finalize" }), [], "going back cannot be judged");
    assert.deepEqual(failuresOf({ ...valid, stage: "data", migrateData: UNKNOWN }), []);
    assert.deepEqual(failuresOf({ ...valid, stage: UNKNOWN, migrateData: false }), []);
  });

  it("still refuses what is known to be wrong beside a computed input", () => {
    const cases: [news: Record<string, unknown>, property: string, olds?: Record<string, unknown>][] = [
      [{ ...valid, stage: UNKNOWN, destinationRegion: "Paris 1" }, "destinationRegion"],
      [{ ...valid, app: UNKNOWN, stage: "migrate" }, "stage"],
      [{ ...valid, timeouts: UNKNOWN, migrateData: "yes" }, "migrateData"],
      [{ ...valid, app: UNKNOWN, destinationRegion: "osc-fr1" }, "destinationRegion"],
      [{ ...valid, migrateData: UNKNOWN, stage: "create" }, "stage", { ...valid, stage: "prepare" }],
      [{ ...valid, sourceRegion: UNKNOWN, app: "My_App" }, "app"],
    ];
    for (const [news, property, olds] of cases) {
      const failures = failuresOf(news, olds);
      assert.ok(failures.some((f) => f.property === property), `${JSON.stringify(news)}: no failure on ${property}: ${JSON.stringify(failures)}`);
    }
  });

  it("applies the defaults of the known inputs", () => {
    const { partial } = validateInputs({}, { ...valid, sourceRegion: undefined, stage: UNKNOWN }, { SCALINGO_REGION: "osc-fr1" });
    assert.deepEqual(partial?.known, { app: "my-app", sourceRegion: "osc-fr1", destinationRegion: "osc-secnum-fr1", newName: "", migrateData: true, timeouts: {}, owner: "", engine: "auto", sourceArchive: "", certificates: {} });
  });
});
