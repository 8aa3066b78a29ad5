import * as pulumi from "@pulumi/pulumi";
import type { DnsChange, StepProgress } from "../migration/snapshot";
import type { Stage } from "../migration/stages";
import { appMigrationProvider } from "./serialized-provider";

export type MigrationStage = Stage;

/** Each limit may itself come from another resource's output. */
export interface AppMigrationTimeouts {
  preflight?: pulumi.Input<string>;
  prepare?: pulumi.Input<string>;
  data?: pulumi.Input<string>;
  finalize?: pulumi.Input<string>;
  abort?: pulumi.Input<string>;
}

export interface AppMigrationArgs {
  /** Source app, name or id. */
  app: pulumi.Input<string>;
  /** The app's current region; defaults to SCALINGO_REGION. */
  sourceRegion?: pulumi.Input<string>;
  destinationRegion: pulumi.Input<string>;
  /** Name on the destination region (the CLI's --new-name); defaults to the source name. */
  newName?: pulumi.Input<string>;
  /** The last step that must have run: "create" | "prepare" | "data" | "finalize". */
  stage: pulumi.Input<MigrationStage>;
  /** Default true. False: you copy the data yourself between prepare and finalize. */
  migrateData?: pulumi.Input<boolean>;
  /** Adopt a migration started elsewhere (the Scalingo CLI, another tool). */
  migrationId?: pulumi.Input<string>;
  /** Per-step time limits such as "30m" or "2h" (defaults in the README). */
  timeouts?: pulumi.Input<AppMigrationTimeouts>;
  /**
   * "auto" (default): Scalingo's region-migration API when the source region offers it, this
   * provider through the public API otherwise. Picked once, at create; kept in state.
   */
  engine?: pulumi.Input<"auto" | "server" | "client">;
  /** Client engine: the code to deploy when the app has no SCM link (a local .tar.gz path or an http(s) URL). */
  sourceArchive?: pulumi.Input<string>;
  /** Client engine: the certificate and key of each domain with an uploaded certificate (kept secret). */
  certificates?: pulumi.Input<Record<string, pulumi.Input<{ certificate: pulumi.Input<string>; privateKey: pulumi.Input<string> }>>>;
}

export interface ManualActionOutput {
  id: string;
  action: string;
  why: string;
  blocking: boolean;
}

export type MigrationStepOutput = StepProgress;

/**
 * A Scalingo region migration whose `stage` says how far it must have gone. `pulumi up`
 * runs the missing steps in order and waits for each; `pulumi destroy` aborts it.
 */
export class AppMigration extends pulumi.dynamic.Resource {
  declare readonly migrationId: pulumi.Output<string>;
  declare readonly status: pulumi.Output<string>;
  /** The last stage reached (null before the preflight passed); `stage` is the one asked for. */
  declare readonly reachedStage: pulumi.Output<MigrationStage | null>;
  declare readonly sourceRegion: pulumi.Output<string>;
  declare readonly destinationRegion: pulumi.Output<string>;
  declare readonly srcAppName: pulumi.Output<string>;
  declare readonly dstAppName: pulumi.Output<string>;
  declare readonly appId: pulumi.Output<string>;
  declare readonly newAppId: pulumi.Output<string | null>;
  declare readonly startedAt: pulumi.Output<string | null>;
  declare readonly finishedAt: pulumi.Output<string | null>;
  declare readonly steps: pulumi.Output<MigrationStepOutput[]>;
  declare readonly newAppUrl: pulumi.Output<string | null>;
  declare readonly gitUrl: pulumi.Output<string | null>;
  declare readonly dnsChanges: pulumi.Output<DnsChange[]>;
  declare readonly redirectExpiresAt: pulumi.Output<string | null>;
  /** What `stage` may be set to next; empty once done. */
  declare readonly nextStep: pulumi.Output<string>;
  /** The engine doing this migration ("server" or "client"), picked at create. */
  declare readonly engine: pulumi.Output<"server" | "client">;
  /** What a person must still do by hand (client engine). */
  declare readonly manualActions: pulumi.Output<ManualActionOutput[]>;
  /** Per kind of object: how many the client engine copied, skipped, and why. Names and counts only. */
  declare readonly copied: pulumi.Output<Record<string, { copied: number; skipped: number; why: string[] }>>;

  constructor(name: string, args: AppMigrationArgs, opts?: pulumi.CustomResourceOptions) {
    const owner = `${pulumi.getProject()}/${pulumi.getStack()}/${name}`;
    super(
      appMigrationProvider,
      name,
      // Certificates are secret from the program on: never in state, logs or outputs in clear.
      { ...OUTPUT_PLACEHOLDERS, ...args, ...(args.certificates === undefined ? {} : { certificates: pulumi.secret(args.certificates) }), owner },
      { ...opts, additionalSecretOutputs: [...(opts?.additionalSecretOutputs ?? []), "certificates"] },
      "scalingo",
      "AppMigration",
    );
  }
}

/**
 * Declares the outputs (a dynamic resource learns its output properties from its props).
 * Spread before the args: several outputs share their name with an optional input.
 */
const OUTPUT_PLACEHOLDERS = Object.fromEntries(
  [
    "migrationId", "sourceRegion", "status", "reachedStage", "srcAppName", "dstAppName", "appId", "newAppId", "startedAt", "finishedAt",
    "steps", "newAppUrl", "gitUrl", "dnsChanges", "redirectExpiresAt", "nextStep", "engine", "manualActions", "copied",
  ].map((key) => [key, undefined]),
);
