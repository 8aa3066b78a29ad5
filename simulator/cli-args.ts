import { parseArgs } from "node:util";
import type { SimulatorOptions } from "./options";

/** A command line the simulator cannot run with; the CLI prints it and exits 2. */
export class CliUsageError extends Error {
  override readonly name = "CliUsageError";
}

export const USAGE = `Usage: scalingo-simulator [options]

  --port N            port to listen on; 0 (default) picks a free one
  --host ADDRESS      address to listen on (default 127.0.0.1)
  --fixtures FILE     JSON world to start with instead of the built-in one
  --state FILE        save state there on every change, resume from it at start
  --rate-limit N      requests per minute per account; 0 turns it off (default 60)
  --jwt-ttl SECONDS   bearer token lifetime (default 3600)
  --profile NAME      step timing: fast (default) or realistic
  --seed N            spread step durations at random around each app's own;
                      the same seed gives the same durations (default: no spread)
  --capture-requests  keep every request whole (headers, bodies) for
                      GET /_simulator/captured-requests; it holds credentials
  --quiet             print only the SCALINGO_AUTH_URL line
  --help              show this help`;

const OPTIONS = {
  port: { type: "string" },
  host: { type: "string" },
  fixtures: { type: "string" },
  state: { type: "string" },
  "rate-limit": { type: "string" },
  "jwt-ttl": { type: "string" },
  profile: { type: "string" },
  seed: { type: "string" },
  "capture-requests": { type: "boolean" },
  quiet: { type: "boolean" },
  help: { type: "boolean" },
} as const;

const VALID_FLAGS = Object.keys(OPTIONS).map((name) => `--${name}`).join(", ");

export interface CliSettings {
  options: SimulatorOptions;
  quiet: boolean;
  help: boolean;
}

export function parseCliArgs(args: string[]): CliSettings {
  const { values } = parseStrict(args);
  return {
    help: values.help ?? false,
    quiet: values.quiet ?? false,
    options: {
      port: values.port === undefined ? undefined : integer("--port", values.port, 0, 65535),
      host: values.host,
      fixtures: values.fixtures,
      statePath: values.state,
      rateLimitPerMinute: values["rate-limit"] === undefined ? undefined : integer("--rate-limit", values["rate-limit"], 0),
      jwtTtlSeconds: values["jwt-ttl"] === undefined ? undefined : integer("--jwt-ttl", values["jwt-ttl"], 1),
      profile: values.profile === undefined ? undefined : profile(values.profile),
      seed: values.seed === undefined ? undefined : integer("--seed", values.seed, 0),
      captureRequests: values["capture-requests"],
    },
  };
}

function parseStrict(args: string[]) {
  try {
    return parseArgs({ args, options: OPTIONS, strict: true, allowPositionals: false });
  } catch (error) {
    throw new CliUsageError(describeParseError(error));
  }
}

/** Node's parseArgs messages are long and generic; name the flag and list the valid ones. */
function describeParseError(error: unknown): string {
  const code = (error as { code?: string }).code;
  const message = error instanceof Error ? error.message : String(error);
  const flag = /'(-[^' ]+)/.exec(message)?.[1] ?? "";
  switch (code) {
    case "ERR_PARSE_ARGS_UNKNOWN_OPTION":
      return `unknown option '${flag}'; valid options: ${VALID_FLAGS}`;
    case "ERR_PARSE_ARGS_INVALID_OPTION_VALUE":
      return `option '${flag}' needs a value (see --help)`;
    case "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL":
      return `unexpected argument ${/'([^']*)'/.exec(message)?.[1] ?? ""}; the simulator takes options only: ${VALID_FLAGS}`;
    default:
      return message;
  }
}

function integer(flag: string, raw: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) {
    throw new CliUsageError(`${flag} must be a whole number from ${min} to ${max}, got '${raw}'`);
  }
  return value;
}

function profile(raw: string): "fast" | "realistic" {
  if (raw === "fast" || raw === "realistic") return raw;
  throw new CliUsageError(`--profile must be 'fast' or 'realistic', got '${raw}'`);
}
