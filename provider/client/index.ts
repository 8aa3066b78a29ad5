export * from "./errors";
export * from "./types";
export { ScalingoClient, scalingoClientFromEnvironment, DEFAULT_AUTH_URL } from "./scalingo-client";
export type { ScalingoClientOptions, CreateMigrationSpec } from "./scalingo-client";
export type { RequestGate, RequestHints, RequestPriority } from "./request-gate";
