import { InvalidError, NotFoundError } from "../../domain-errors";
import { requireWritable } from "../app-operations";
import { stableObjectId } from "../ids";
import type { App } from "../types";
import { recordEvent } from "./app-activity";

/** Environment variables (§2.3): addon-injected ones included, aliases kept as written. */

export interface Variable {
  id: string;
  name: string;
  value: string;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const MAX_NAME = 64;
const MAX_VALUE = 8192;

/** A variable's id is derived from its app and name: stable, and different in every app. */
export function variableId(app: App, name: string): string {
  return stableObjectId(`variable:${app.id}:${name}`);
}

export function listVariables(app: App, aliases: boolean): Variable[] {
  return Object.entries(app.env).map(([name, value]) => ({
    id: variableId(app, name),
    name,
    value: aliases ? value : expandAliases(app.env, value),
  }));
}

/** `$NAME` / `${NAME}` replaced by the variable's value, one level deep (as Scalingo does). */
export function expandAliases(env: Record<string, string>, value: string): string {
  return value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (whole, braced: string | undefined, bare: string | undefined) => {
    const name = braced ?? bare ?? "";
    return env[name] ?? whole;
  });
}

/** Creates or updates one variable; says whether it was new. */
export function setVariable(app: App, name: string, value: string, userId: string): { variable: Variable; created: boolean } {
  requireWritable(app);
  validate(name, value, "variable");
  const created = !(name in app.env);
  app.env[name] = value;
  recordEvent(app, created ? "new_variable" : "edit_variable", userId, { name, value: "[REDACTED]" });
  return { variable: { id: variableId(app, name), name, value }, created };
}

export function setVariables(app: App, variables: { name: string; value: string }[], userId: string): Variable[] {
  requireWritable(app);
  variables.forEach((v, i) => validate(v.name, v.value, `variables[${i}]`));
  const created = variables.filter((v) => !(v.name in app.env)).map((v) => ({ name: v.name, value: "[REDACTED]" }));
  const updated = variables.filter((v) => v.name in app.env).map((v) => ({ name: v.name, value: "[REDACTED]" }));
  for (const v of variables) app.env[v.name] = v.value;
  recordEvent(app, "edit_variables", userId, { new_vars: created, updated_vars: updated, deleted_vars: [] });
  return variables.map((v) => ({ id: variableId(app, v.name), name: v.name, value: v.value }));
}

export function updateVariable(app: App, id: string, value: string, userId: string): Variable {
  const name = nameOf(app, id);
  return setVariable(app, name, value, userId).variable;
}

export function deleteVariables(app: App, ids: string[], userId: string): void {
  requireWritable(app);
  const names = ids.map((id) => nameOf(app, id));
  for (const name of names) {
    delete app.env[name];
    recordEvent(app, "delete_variable", userId, { name });
  }
}

function nameOf(app: App, id: string): string {
  const name = Object.keys(app.env).find((n) => variableId(app, n) === id);
  if (name === undefined) throw new NotFoundError("variable");
  return name;
}

function validate(name: string, value: string, field: string): void {
  if (!NAME.test(name) || name.length > MAX_NAME) {
    throw new InvalidError(`${field}.name`, `'${name}' is not a valid name: letters, digits and underscores, at most ${MAX_NAME}, not starting with a digit`);
  }
  if (value.length > MAX_VALUE) throw new InvalidError(`${field}.value`, `is too long (at most ${MAX_VALUE} characters)`);
}
