import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { appMigrationProvider } from "../../provider/pulumi/serialized-provider";

// The engine's own loader for `__provider` (a dependency of @pulumi/pulumi).
const requireFromString: (code: string) => { handler: () => pulumi.dynamic.ResourceProvider } = require("require-from-string");

type Props = Record<string, unknown>;

/**
 * The AppMigration provider as the engine sees it: serialized with Pulumi's closure
 * serializer, loaded back from that text, every payload crossing as plain JSON.
 */
export interface LoadedProvider {
  serialized: string;
  /** Progress lines the provider printed (kept out of the test output). */
  logs: string[];
  configure(config?: Record<string, string>): Promise<void>;
  check(olds: Props, news: Props): Promise<{ inputs: Props; failures: { property: string; reason: string }[] }>;
  diff(id: string, olds: Props, news: Props): Promise<{ changes?: boolean; replaces?: string[]; deleteBeforeReplace?: boolean }>;
  create(inputs: Props): Promise<{ id: string; outs: Props }>;
  update(id: string, olds: Props, news: Props): Promise<{ outs: Props }>;
  read(id: string, props: Props): Promise<{ id: string; props?: Props }>;
  delete(id: string, props: Props): Promise<void>;
}

export async function loadSerializedProvider(): Promise<LoadedProvider> {
  const { text } = await pulumi.runtime.serializeFunction(() => appMigrationProvider, { allowSecrets: false });
  const provider = requireFromString(text).handler();
  const logs: string[] = [];
  require("pulumi-scalingo-migration/runtime").setLogSink((line: string) => logs.push(line));
  const call = async <T>(method: string, ...args: unknown[]): Promise<T> => {
    const fn = (provider as unknown as Record<string, (...a: unknown[]) => Promise<T>>)[method];
    const result = await fn(...args.map(roundTrip));
    assertPlainJson(result, `${method} result`);
    return roundTrip(result) as T;
  };
  return {
    serialized: text,
    logs,
    configure: async (config = {}) => {
      await provider.configure!({ config: { get: (key: string) => config[key], require: (key: string) => config[key]! } });
    },
    check: (olds, news) => call("check", olds, { ...news, __provider: text }),
    diff: (id, olds, news) => call("diff", id, olds, { ...news, __provider: text }),
    create: (inputs) => call("create", { ...inputs, __provider: text }),
    update: (id, olds, news) => call("update", id, olds, { ...news, __provider: text }),
    read: (id, props) => call("read", id, props),
    delete: (id, props) => call("delete", id, props),
  };
}

/** What the engine does to every payload: only plain JSON survives. */
export function roundTrip<T>(value: T): T {
  return value === undefined ? value : JSON.parse(JSON.stringify(value));
}

/** `undefined` or functions inside outputs make the engine fail with "Unexpected struct type". */
export function assertPlainJson(value: unknown, where: string): void {
  if (value === undefined) return;
  const walk = (v: unknown, path: string): void => {
    if (v === null || ["string", "number", "boolean"].includes(typeof v)) return;
    if (Array.isArray(v)) return v.forEach((item, i) => walk(item, `${path}[${i}]`));
    if (typeof v === "object") {
      for (const [k, item] of Object.entries(v as object)) {
        assert.notEqual(item, undefined, `${where}: ${path}.${k} is undefined`);
        walk(item, `${path}.${k}`);
      }
      return;
    }
    assert.fail(`${where}: ${path} is a ${typeof v}`);
  };
  walk(value, "");
}

/** The partial state a failed create/update hands the engine (ErrorResourceInitFailed). */
export async function partialStateOf(promise: Promise<unknown>): Promise<{ message: string; id: string; properties: Props; reasons: string[] }> {
  try {
    await promise;
  } catch (error) {
    const e = error as { message: string; id?: string; properties?: Props; reasons?: string[] };
    assert.ok(e.id, `expected partial state, got a plain error: ${e.message}`);
    assertPlainJson(e.properties, "partial state");
    return { message: e.message, id: e.id, properties: roundTrip(e.properties!), reasons: e.reasons ?? [] };
  }
  assert.fail("expected the operation to fail");
}
