import * as path from "node:path";
import type { Simulator } from "../../../../simulator";
import { comparableShape, withoutManual } from "../../../client-engine/shape";
import { outputsOf, PROJECT, rootProgramStack } from "../../../e2e/e2e-harness";
import { DEMO_TOKEN, simulatorWithEnv } from "../../../support/simulator-env";
import { faultsIn } from "../../support/request-audit";
import { credentialsOnTheWire, leakCount } from "../../support/secret-scan";
import { journalFiles, killUpAt, ORPHAN_LIFETIME_LIMIT_MS, recover } from "../kill-scenario";
import type { ScenarioResult } from "../result";
import { clientDuplicates, clientSecrets, CREATED_KINDS, secretsFoundIn, sourceDifferences, STARTED_KINDS } from "./audit";
import { DESTINATION, simulatorOptions, SOURCE, worldWithPlantedSecret } from "./world";

const APP = "shop-app";

/** Slow enough that each kill point below is a moment that lasts (a provisioning, a build, a backup, a restore). */
const KILL_ASYNC = { operation: 400, addon: 1_500, backup: 1_500, deployment: 2_500, oneOff: 1_500 } as const;

/** A moment of the client engine's work on shop-app at which `pulumi up` is killed. */
export interface ClientKillPoint {
  label: string;
  when: (simulator: Simulator) => boolean;
}

const posted = (simulator: Simulator, region: string, path: RegExp) => simulator.requests().some((r) => r.method === "POST" && r.region === region && path.test(r.path));

/** Every sub-step of prepare and data that takes time or writes more than one object. */
export const CLIENT_KILL_POINTS: readonly ClientKillPoint[] = [
  { label: "while the destination's addons provision", when: (s) => (s.app(DESTINATION, APP)?.addons ?? []).some((a) => a.status === "provisioning") },
  { label: "while notifiers and alerts are created", when: (s) => posted(s, DESTINATION, /^\/v1\/apps\/[^/]+\/notifiers$/) },
  { label: "while the destination's code builds", when: (s) => (s.app(DESTINATION, APP)?.deployments ?? []).some((d) => d.status === "building") },
  { label: "while the source scales to 0", when: (s) => posted(s, SOURCE, /^\/v1\/apps\/[^/]+\/scale$/) },
  { label: "while a backup runs", when: (s) => (s.app(SOURCE, APP)?.addons ?? []).some((a) => a.backups.some((b) => b.status !== "done")) },
  { label: "while the restore one-off runs", when: (s) => posted(s, DESTINATION, /^\/v1\/apps\/[^/]+\/run$/) },
];

/**
 * `pulumi up` of the root program with `engine: client` for shop-app, in a process group of
 * its own, killed with SIGKILL at `point`. Then what a person does: `pulumi cancel`,
 * `pulumi refresh --clear-pending-creates`, `pulumi up`. A `finalize` run must end with the
 * destination equal to the source (minus the manual items) and equal database digests; a
 * `data` run ends with `pulumi destroy` and the source as it was (formation, auto-deploy).
 * Either way: nothing created twice, the orphaned provider gone without writing, no secret in
 * state, output, journal, records or logs.
 */
export async function clientKillScenario(point: ClientKillPoint, stage: "finalize" | "data", label: string): Promise<ScenarioResult> {
  const { fixtures, secret } = worldWithPlantedSecret();
  const simulator = await simulatorWithEnv(simulatorOptions(fixtures));
  simulator.setAsyncTimings(KILL_ASYNC);
  const before = simulator.app(SOURCE, APP)!;
  const config = { app: APP, stage, destinationRegion: DESTINATION, engine: "client" };
  const stack = await rootProgramStack(simulator, config, { stackName: "client-kill" });
  try {
    const env = { SCALINGO_AUTH_URL: simulator.authUrl, SCALINGO_API_TOKEN: DEMO_TOKEN, SCALINGO_REGION: SOURCE };
    const { killed, orphanLifetimeMs, orphanWrites, output: childOutput } = await killUpAt(simulator, { dir: stack.dir, stackName: "client-kill", projectName: PROJECT, env, config }, () => point.when(simulator), point.label);

    const recovery = await recover(stack);
    const outputs = await outputsOf(stack);
    const target = stage === "finalize" ? "done" : "data-migrated";
    const reached = !recovery.error && outputs.status === target;
    const duplicates = await clientDuplicates(simulator, APP);
    const violations = [
      ...(killed ? [] : [`pulumi up ended before the kill point (${point.label}): nothing was killed`]),
      ...(orphanLifetimeMs > ORPHAN_LIFETIME_LIMIT_MS ? [`the orphaned provider still ran ${orphanLifetimeMs} ms after the kill`] : []),
      ...(orphanWrites.length > 1 ? [`the orphaned provider sent ${orphanWrites.join(", ")} after the kill (at most the one write already queued may go)`] : []),
    ];
    if (reached && stage === "finalize") {
      const expected = withoutManual(comparableShape(before), before);
      const got = comparableShape(simulator.app(DESTINATION, APP)!);
      for (const key of Object.keys(expected) as (keyof typeof expected)[]) {
        if (JSON.stringify(got[key]) !== JSON.stringify(expected[key])) violations.push(`destination ${key} differs from the source's: ${JSON.stringify(got[key])} vs ${JSON.stringify(expected[key])}`);
      }
      if (simulator.database(DESTINATION, APP, "postgresql").digest !== simulator.database(SOURCE, APP, "postgresql").digest) violations.push("the PostgreSQL digests differ");
    }
    let state = await stack.exportState();
    if (reached && stage === "data") {
      await stack.destroy();
      if (simulator.app(DESTINATION, APP)) violations.push("the destination app is still there after the abort");
      violations.push(...sourceDifferences(before, simulator.app(SOURCE, APP)));
      state += await stack.exportState();
    }
    const entries = simulator.requests();
    // The intent journal and the client engine's record live there (scripts/support/local-engine.ts).
    const records = journalFiles(path.join(stack.dir, "journal"));
    const secrets = clientSecrets(simulator, [APP], [secret, DEMO_TOKEN]);
    const artifacts = [outputs, state, stack.output.join(""), childOutput, recovery.error, entries, ...records];
    const names = ["the outputs", "the state", "the engine output", "the killed up's output", "the recovery error", "the request log"];
    const leaks = secretsFoundIn(artifacts, secrets, (i) => names[i] ?? "a journal or record file");
    const wire = credentialsOnTheWire(simulator.capturedRequests(), [DEMO_TOKEN]);
    const jwtLeaks = leakCount(artifacts.slice(0, 5), [DEMO_TOKEN]);
    const tokenLeaks = leaks.length + wire.outOfPlace.length + jwtLeaks;
    return {
      name: `client kill -9 ${point.label}, to ${stage} (${label})`,
      engine: "client",
      migrationsIntended: 1,
      migrationsCompleted: reached ? 1 : 0,
      faultsInjected: faultsIn(entries) + (killed ? 1 : 0),
      duplicateCreates: CREATED_KINDS.reduce((n, kind) => n + duplicates[kind], 0),
      duplicateRuns: STARTED_KINDS.reduce((n, kind) => n + duplicates[kind], 0),
      duplicatesByKind: Object.fromEntries(Object.entries(duplicates).filter(([, n]) => n > 0)),
      tokenLeaks,
      credentialsInPlace: wire.inPlace,
      ...(tokenLeaks ? { leaks: [...leaks, ...wire.outOfPlace, ...(jwtLeaks ? [`${jwtLeaks} artifact(s) hold a bearer`] : [])] } : {}),
      ...(reached ? {} : { failure: recovery.error?.message ?? `ended ${String(outputs.status)}` }),
      ...(violations.length ? { violations } : {}),
      evidence: { killed: killed ? 1 : 0, orphanLifetimeMs, orphanWrites: orphanWrites.length, requests: entries.length, cancel: recovery.cancel },
    };
  } finally {
    stack.remove();
    await simulator.close();
  }
}
