import type { Props } from "../support/declarations";

/** What a bad-input row may need from the live world (a migration of another app). */
export interface BadInputContext {
  otherAppMigrationId: string;
}

/**
 * One declaration check must refuse: the failure must name `property` and say what would be
 * right (`fix`). `news` is applied over a valid declaration; `undefined` removes the field.
 * Rows marked `online` are refused only against Scalingo (here, the simulator).
 */
export interface BadInput {
  title: string;
  news: Props | ((context: BadInputContext) => Props);
  olds?: Props;
  env?: Record<string, string>;
  property: string;
  fix: RegExp;
  online?: boolean;
}

export const VALID: Props = { app: "my-app", sourceRegion: "osc-fr1", destinationRegion: "osc-secnum-fr1", stage: "prepare" };

const APP_RULE = /6 to 48 lowercase letters, digits and hyphens.*e\.g\. "my-app"/;
const REGION_RULE = /region name such as "osc-fr1"/;
const KNOWN_REGIONS = /known regions: osc-fr1, osc-secnum-fr1/;
const STAGE_RULE = /one of "create", "prepare", "data", "finalize"/;
const DURATION_RULE = /duration such as "30m"/;
const MIGRATION_ID_RULE = /id of an existing region migration \(a UUID\)/;
const NOT_THIS_APPS_MIGRATION = /is not a region migration of app 'my-app' in osc-fr1: check the id/;

const appRows: BadInput[] = [
  { title: "app missing", news: { app: undefined }, property: "app", fix: /app is required: the source app's name or id/ },
  ...([42, null, true, { name: "my-app" }, ["my-app"]] as unknown[]).map(
    (app): BadInput => ({ title: `app of type ${kind(app)}`, news: { app }, property: "app", fix: APP_RULE }),
  ),
  ...["", "abc", "a".repeat(49), "My-App", "-my-app", "my-app-", "my--app", "my app", "my_app", "my-app\n", "../../etc", "mÿ-app", "my-app?x=1"].map(
    (app): BadInput => ({ title: `app ${JSON.stringify(app.length > 20 ? `${app.slice(0, 8)}…(${app.length})` : app)}`, news: { app }, property: "app", fix: APP_RULE }),
  ),
];

const regionRows: BadInput[] = [
  { title: "sourceRegion of type number", news: { sourceRegion: 1 }, property: "sourceRegion", fix: REGION_RULE },
  { title: "sourceRegion empty", news: { sourceRegion: "" }, property: "sourceRegion", fix: REGION_RULE },
  { title: "sourceRegion \"Paris 1\"", news: { sourceRegion: "Paris 1" }, property: "sourceRegion", fix: REGION_RULE },
  { title: "sourceRegion unknown", news: { sourceRegion: "osc-mars" }, property: "sourceRegion", fix: KNOWN_REGIONS, online: true },
  { title: "sourceRegion missing, no SCALINGO_REGION", news: { sourceRegion: undefined }, property: "sourceRegion", fix: /set one of them to the app's current region/ },
  { title: "sourceRegion missing, bad SCALINGO_REGION", news: { sourceRegion: undefined }, env: { SCALINGO_REGION: "Paris 1" }, property: "sourceRegion", fix: /SCALINGO_REGION must be a region name such as "osc-fr1"/ },
  { title: "destinationRegion missing", news: { destinationRegion: undefined }, property: "destinationRegion", fix: /destinationRegion is required, e\.g\. "osc-secnum-fr1"/ },
  { title: "destinationRegion of type number", news: { destinationRegion: 7 }, property: "destinationRegion", fix: /e\.g\. "osc-secnum-fr1"/ },
  { title: "destinationRegion empty", news: { destinationRegion: "" }, property: "destinationRegion", fix: REGION_RULE },
  { title: "destinationRegion \"OSC_SECNUM\"", news: { destinationRegion: "OSC_SECNUM" }, property: "destinationRegion", fix: REGION_RULE },
  { title: "destinationRegion unknown", news: { destinationRegion: "osc-mars" }, property: "destinationRegion", fix: KNOWN_REGIONS, online: true },
  { title: "destination = source", news: { destinationRegion: "osc-fr1" }, property: "destinationRegion", fix: /must differ from sourceRegion.*name the region the app moves to/ },
];

const newNameRows: BadInput[] = [
  { title: "newName of type number", news: { newName: 5 }, property: "newName", fix: APP_RULE },
  ...["ab", "New_Name", "x--y-z", "-new-name"].map((newName): BadInput => ({ title: `newName ${JSON.stringify(newName)}`, news: { newName }, property: "newName", fix: APP_RULE })),
];

const stageRows: BadInput[] = [
  { title: "stage missing", news: { stage: undefined }, property: "stage", fix: STAGE_RULE },
  ...(["migrate", "", "FINALIZE", 2, null] as unknown[]).map((stage): BadInput => ({ title: `stage ${JSON.stringify(stage)}`, news: { stage }, property: "stage", fix: STAGE_RULE })),
  { title: "stage data with migrateData false", news: { stage: "data", migrateData: false }, property: "stage", fix: /needs migrateData: true.*set stage to "finalize"/ },
  { title: "stage backwards (finalize → prepare)", news: { stage: "prepare" }, olds: { ...VALID, stage: "finalize" }, property: "stage", fix: /only moves forward.*pulumi destroy/ },
  { title: "stage backwards (data → create)", news: { stage: "create" }, olds: { ...VALID, stage: "data" }, property: "stage", fix: /only moves forward.*pulumi destroy/ },
];

const migrateDataRows: BadInput[] = (["yes", 1, null, "false"] as unknown[]).map(
  (migrateData): BadInput => ({ title: `migrateData ${JSON.stringify(migrateData)}`, news: { migrateData }, property: "migrateData", fix: /migrateData must be true or false/ }),
);

const migrationIdRows: BadInput[] = [
  ...([42, "", "../../etc", "a b", "x".repeat(65)] as unknown[]).map(
    (migrationId): BadInput => ({ title: `migrationId ${JSON.stringify(migrationId).slice(0, 20)}`, news: { migrationId }, property: "migrationId", fix: MIGRATION_ID_RULE }),
  ),
  { title: "migrationId of another app", news: (c) => ({ migrationId: c.otherAppMigrationId }), property: "migrationId", fix: NOT_THIS_APPS_MIGRATION, online: true },
  { title: "migrationId unknown", news: { migrationId: "00000000-0000-4000-8000-000000000000" }, property: "migrationId", fix: NOT_THIS_APPS_MIGRATION, online: true },
];

const timeoutRows: BadInput[] = [
  { title: "timeouts a string", news: { timeouts: "1h" }, property: "timeouts", fix: /accepts only preflight, prepare, data, finalize, abort/ },
  { title: "timeouts an array", news: { timeouts: ["1h"] }, property: "timeouts", fix: /accepts only preflight, prepare, data, finalize, abort/ },
  { title: "timeouts with an unknown step", news: { timeouts: { deploy: "1h" } }, property: "timeouts", fix: /accepts only/ },
  ...(
    [
      ["preflight", "soon"],
      ["prepare", ""],
      ["data", 60],
      ["finalize", "-5m"],
      ["abort", "0s"],
      ["prepare", "1h30"],
      ["data", "Infinityh"],
    ] as [string, unknown][]
  ).map(([step, value]): BadInput => ({ title: `timeouts.${step} ${JSON.stringify(value)}`, news: { timeouts: { [step]: value } }, property: "timeouts", fix: DURATION_RULE })),
];

export const BAD_INPUTS: readonly BadInput[] = [...appRows, ...regionRows, ...newNameRows, ...stageRows, ...migrateDataRows, ...migrationIdRows, ...timeoutRows];

function kind(value: unknown): string {
  return value === null ? "null" : Array.isArray(value) ? "array" : typeof value;
}
