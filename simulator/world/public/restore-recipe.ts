import { parse, type ParseEntry } from "shell-quote";
import { addonKind } from "../addon-catalog";
import { parseAddonUrl } from "../addon-identity";
import type { App } from "../types";
import { readTarball } from "./archive";
import type { PublicContext } from "./context";
import { fetchUrl, readDump } from "./storage";
import { expandAliases } from "./variable-ops";

/**
 * What a one-off container does with its command (§3 "Restoring from a one-off"): the shell
 * commands of Scalingo's "Copying your Database" recipe are interpreted against the world
 * (download a backup URL, extract it, restore it into the database a URL names); anything else
 * is only reported as run. The command shapes understood are listed in simulator/README.md.
 */

export interface RunOutcome {
  lines: string[];
  exitCode: number;
}

interface Shell {
  ctx: PublicContext;
  app: App;
  env: Record<string, string>;
  files: Map<string, Buffer>;
  tools: Set<string>;
  lines: string[];
  /** A scripted restore failure, applied to the first restore attempted. */
  restoreFailure: string | null;
}

type Word = string | { glob: string };
interface SimpleCommand {
  words: Word[];
  stdin: string | null;
  /** The operator that follows it. */
  next: string | null;
}

const TOOL_KINDS: Record<string, string> = {
  pgsql: "postgresql",
  postgresql: "postgresql",
  mysql: "mysql",
  mongo: "mongodb",
  mongodb: "mongodb",
  redis: "redis",
  influx: "influxdb",
  influxdb: "influxdb",
};

export function runOneOffCommand(ctx: PublicContext, app: App, command: string, oneOffEnv: Record<string, string>, restoreFailure: string | null): RunOutcome {
  const appEnv = Object.fromEntries(Object.entries(app.env).map(([k, v]) => [k, expandAliases(app.env, v)]));
  const shell: Shell = { ctx, app, env: { ...appEnv, ...oneOffEnv }, files: new Map(), tools: new Set(), lines: [], restoreFailure };
  const exitCode = runScript(shell, command);
  return { lines: shell.lines, exitCode };
}

function runScript(shell: Shell, script: string): number {
  const commands = splitCommands(parse(script.replace(/\n/g, " ; "), (name) => shell.env[name] ?? ""));
  let status = 0;
  let errexit = false;
  for (let i = 0; i < commands.length; i++) {
    const previous = i > 0 ? commands[i - 1].next : null;
    if (previous === "&&" && status !== 0) continue;
    if (previous === "||" && status === 0) continue;
    if (errexit && status !== 0) break;
    const words = commands[i].words;
    if (words[0] === "set") {
      errexit = errexit || words.some((w) => typeof w === "string" && /^-[a-z]*e/.test(w));
      continue;
    }
    status = runCommand(shell, commands[i]);
  }
  return status;
}

function splitCommands(entries: ParseEntry[]): SimpleCommand[] {
  const commands: SimpleCommand[] = [];
  let current: SimpleCommand = { words: [], stdin: null, next: null };
  let redirect = false;
  for (const entry of entries) {
    if (typeof entry === "string") {
      if (redirect) current.stdin = entry;
      else current.words.push(entry);
      redirect = false;
    } else if ("op" in entry && entry.op === "glob") {
      const pattern = (entry as { pattern: string }).pattern;
      if (redirect) current.stdin = pattern;
      else current.words.push({ glob: pattern });
      redirect = false;
    } else if ("op" in entry && entry.op === "<") {
      redirect = true;
    } else if ("op" in entry) {
      current.next = entry.op;
      commands.push(current);
      current = { words: [], stdin: null, next: null };
    }
  }
  commands.push(current);
  return commands.filter((c) => c.words.length > 0);
}

function runCommand(shell: Shell, command: SimpleCommand): number {
  const [name, ...rest] = command.words;
  if (typeof name !== "string") return fail(shell, `bash: ${name.glob}: command not found`, 127);
  const args = rest.map((w) => (typeof w === "string" ? w : w.glob));
  switch (name) {
    case "bash":
    case "sh":
    case "/bin/bash":
    case "/bin/sh":
      return args[0] === "-c" && args[1] !== undefined ? runScript(shell, args[1]) : 0;
    case "echo":
      shell.lines.push(args.filter((a) => a !== "-n" && a !== "-e").join(" "));
      return 0;
    case "dbclient-fetcher":
      return fetchClient(shell, args);
    case "install-scalingo-cli":
      shell.lines.push("-----> Installing Scalingo CLI");
      return 0;
    case "curl":
      return download(shell, args, "curl");
    case "wget":
      return download(shell, args, "wget");
    case "tar":
      return extract(shell, args);
    case "pg_restore":
      return restore(shell, "postgresql", option(args, ["--dbname", "-d"]), lastPositional(rest, ["--dbname", "-d", "-j", "--jobs", "-n", "--schema", "-U", "--username"]));
    case "mysql":
      return restore(shell, "mysql", mysqlUrl(args), command.stdin ? { glob: "", path: command.stdin } : null);
    case "mongorestore":
      return restore(shell, "mongodb", option(args, ["--uri"]), option(args, ["--archive"]) !== null ? { glob: "", path: option(args, ["--archive"]) ?? "" } : lastPositional(rest, ["--uri", "--nsInclude", "--db", "-d"]));
    case "cd":
    case "mkdir":
    case "ls":
    case "rm":
    case "true":
    case "export":
    case "sleep":
      return 0;
    default:
      shell.lines.push(`${name}: ran (the simulator does not model this command)`);
      return 0;
  }
}

function fetchClient(shell: Shell, args: string[]): number {
  const kind = TOOL_KINDS[args[0] ?? ""];
  if (!kind) return fail(shell, `dbclient-fetcher: unknown database kind '${args[0] ?? ""}' (pgsql, mysql, mongo, redis, influx)`, 1);
  shell.tools.add(kind);
  shell.lines.push(`-----> Installing ${addonKind(kind).displayName} client tools`);
  return 0;
}

function download(shell: Shell, args: string[], tool: "curl" | "wget"): number {
  const output = tool === "curl" ? option(args, ["-o", "--output"]) : option(args, ["-O", "--output-document"]) ?? clusterValue(args, "O");
  const url = args.find((a, i) => /^https?:\/\//.test(a) && !["-o", "--output", "-O", "--output-document"].includes(args[i - 1] ?? ""));
  const failFast = tool === "wget" || args.some((a) => a === "--fail" || /^-[a-zA-Z]*f[a-zA-Z]*$/.test(a));
  if (!url) return fail(shell, `${tool}: no URL specified`, 2);
  const fetched = fetchUrl(shell.ctx, url);
  if (!fetched.ok && fetched.status === 0) return fail(shell, tool === "curl" ? `curl: (6) ${fetched.error}` : `wget: unable to resolve host address`, tool === "curl" ? 6 : 4);
  if (!fetched.ok && failFast) {
    return fail(shell, tool === "curl" ? `curl: (22) The requested URL returned error: ${fetched.status}` : `ERROR ${fetched.status}: ${fetched.error}.`, tool === "curl" ? 22 : 8);
  }
  const body = fetched.ok ? fetched.body : Buffer.from(`<?xml version="1.0" encoding="UTF-8"?><Error><Code>${fetched.error}</Code></Error>`);
  shell.files.set(resolvePath(output ?? url.split("?")[0].split("/").pop() ?? "index.html"), body);
  return 0;
}

function extract(shell: Shell, args: string[]): number {
  const cluster = args.find((a) => /^-?[a-zA-Z]+$/.test(a) && !a.startsWith("--")) ?? "";
  const extracting = args.includes("--extract") || args.includes("-x") || /x/.test(cluster);
  if (!extracting) return 0;
  const file = option(args, ["--file", "-f"]) ?? (cluster.endsWith("f") ? args[args.indexOf(cluster) + 1] : undefined);
  const directory = option(args, ["--directory", "-C"]) ?? "/app";
  const data = file ? shell.files.get(resolvePath(file)) : undefined;
  if (!file || !data) return fail(shell, `tar: ${file ?? "-"}: Cannot open: No such file or directory\ntar: Error is not recoverable: exiting now`, 2);
  const archive = readTarball(data);
  if (!archive.ok) return fail(shell, `${archive.error}\ntar: Child returned status 1\ntar: Error is not recoverable: exiting now`, 2);
  const verbose = args.includes("--verbose") || /v/.test(cluster);
  for (const entry of archive.entries) {
    shell.files.set(resolvePath(entry.path, directory), entry.content);
    if (verbose) shell.lines.push(entry.path);
  }
  return 0;
}

function restore(shell: Shell, engine: string, url: string | null, file: { glob: string; path: string } | null): number {
  const tool = engine === "postgresql" ? "pg_restore" : engine === "mysql" ? "mysql" : "mongorestore";
  if (!shell.tools.has(engine)) return fail(shell, `bash: ${tool}: command not found`, 127);
  const content = file ? findFile(shell, file.path) : undefined;
  if (!content) return fail(shell, `${tool}: error: could not open input file "${file?.path ?? ""}": No such file or directory`, 1);
  const target = url ? parseAddonUrl(url) : undefined;
  const expectedScheme = addonKind(engine).scheme;
  if (!target || target.scheme !== expectedScheme) return fail(shell, `${tool}: error: invalid connection URI (expected ${expectedScheme}://…)`, 1);
  const found = shell.ctx.world.current.apps.flatMap((app) => app.addons.map((addon) => ({ app, addon }))).find(({ addon }) => addon.resourceId === target.user && target.host.startsWith(`${addon.resourceId.replace(/_/g, "-")}.`));
  if (!found) return fail(shell, `${tool}: error: connection to server at "${target.host}" failed: could not translate host name`, 1);
  if (found.addon.password !== target.password) return fail(shell, `${tool}: error: connection to server failed: FATAL: password authentication failed for user "${target.user}"`, 1);
  if (found.addon.status !== "running" || !found.addon.documents) return fail(shell, `${tool}: error: connection to server failed: the database is not running`, 1);
  const dump = readDump(content);
  if (!dump || dump.engine !== engine) {
    const what = dump ? `a ${addonKind(dump.engine).displayName} dump` : "not a database dump";
    return fail(shell, `${tool}: error: input file does not appear to be a valid ${addonKind(engine).displayName} archive (${what})`, 1);
  }
  if (shell.restoreFailure !== null) {
    const message = shell.restoreFailure;
    shell.restoreFailure = null;
    return fail(shell, `${tool}: error: ${message}`, 1);
  }
  found.addon.documents = dump.documents.map((d) => ({ id: d.id, fields: { ...d.fields } }));
  found.addon.dataImported = true;
  shell.lines.push(`${tool}: restored ${dump.documents.length} records into ${found.addon.resourceId}`);
  return 0;
}

function fail(shell: Shell, message: string, code: number): number {
  shell.lines.push(...message.split("\n"));
  return code;
}

/** `--name=value`, `--name value` or `-n value`. */
function option(args: string[], names: string[]): string | null {
  for (let i = 0; i < args.length; i++) {
    for (const name of names) {
      if (args[i] === name && i + 1 < args.length) return args[i + 1];
      if (name.startsWith("--") && args[i].startsWith(`${name}=`)) return args[i].slice(name.length + 1);
    }
  }
  return null;
}

/** `-qO file`: the value after a short-option cluster ending in `letter`. */
function clusterValue(args: string[], letter: string): string | null {
  const index = args.findIndex((a) => /^-[a-zA-Z]+$/.test(a) && a.endsWith(letter));
  return index >= 0 && index + 1 < args.length ? args[index + 1] : null;
}

function lastPositional(words: Word[], valued: string[]): { glob: string; path: string } | null {
  for (let i = words.length - 1; i >= 0; i--) {
    const word = words[i];
    const before = words[i - 1];
    if (typeof before === "string" && valued.includes(before)) continue;
    if (typeof word !== "string") return { glob: word.glob, path: word.glob };
    if (!word.startsWith("-")) return { glob: "", path: word };
  }
  return null;
}

/** mysql --user=U --password=P --host=H --port=N DB (or -u/-p/-h/-P) as the URL it connects to. */
function mysqlUrl(args: string[]): string | null {
  const user = option(args, ["--user", "-u"]) ?? args.find((a) => a.startsWith("-u") && a.length > 2)?.slice(2);
  const password = option(args, ["--password"]) ?? args.find((a) => a.startsWith("-p") && a.length > 2)?.slice(2);
  const host = option(args, ["--host", "-h"]);
  const port = option(args, ["--port", "-P"]);
  const database = args.filter((a, i) => !a.startsWith("-") && !["-u", "-h", "-P", "--user", "--host", "--port", "--password"].includes(args[i - 1] ?? "")).pop();
  if (!user || !password || !host || !database) return null;
  return `mysql://${encodeURIComponent(user)}:${encodeURIComponent(password)}@${host}:${port ?? "3306"}/${database}`;
}

function resolvePath(path: string, directory = "/app"): string {
  const absolute = path.startsWith("/") ? path : `${directory.replace(/\/$/, "")}/${path.replace(/^\.\//, "")}`;
  return absolute.replace(/\/+/g, "/");
}

/** A file by path, or the first matching a glob (`*.pgsql`, `/app/*.sql`, `dump/*`). */
function findFile(shell: Shell, path: string): Buffer | undefined {
  const wanted = resolvePath(path);
  if (shell.files.has(wanted)) return shell.files.get(wanted);
  const pattern = new RegExp(`^${wanted.split("*").map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join("[^/]*")}(/.*)?$`);
  const match = [...shell.files.keys()].find((key) => pattern.test(key));
  return match === undefined ? undefined : shell.files.get(match);
}
