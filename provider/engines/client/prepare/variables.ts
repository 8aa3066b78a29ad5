import type { VariableInput } from "../../../client/public";
import { isAddonVariableName } from "../addon-kinds";
import { newTally } from "../copied";
import { about } from "../errors";
import type { MigrationRun } from "../run";

/**
 * The source's variables on the destination, minus the ones its addons inject (the
 * destination's addons injected their own: overwriting them would point the new app at the
 * old databases). Aliases (`$SCALINGO_POSTGRESQL_URL`) are copied as aliases. Only names that
 * are missing or differ are sent, in one bulk PUT; values stay Secrets throughout.
 */
export async function reconcileVariables(run: MigrationRun): Promise<number> {
  const { src, dst } = run;
  const sources = await about(`variables of ${run.srcApp}`, "GET /v1/apps/:app/variables", () => run.sourceRead("variables", () => src.variables.list(run.srcApp, { aliases: true })));
  // Read even on a new app: its addons injected their own variables.
  const present = await about(`variables of ${run.dstApp}`, "GET /v1/apps/:app/variables", () => run.destination.read("variables", () => dst.variables.list(run.dstApp, { aliases: true })));
  const tally = newTally();
  const changes: VariableInput[] = [];
  for (const variable of sources) {
    const there = present.find((v) => v.name === variable.name);
    if (isAddonVariableName(variable.name) && there) {
      tally.skipped.push(`${variable.name}: injected by the destination's own addon`);
      continue;
    }
    tally.copied.push(variable.name);
    if (!there || !there.value.equals(variable.value)) changes.push({ name: variable.name, value: variable.value });
  }
  if (changes.length) {
    await about(`variables ${changes.map((c) => c.name).join(", ")} of ${run.dstApp}`, "PUT /v1/apps/:app/variables", () => dst.variables.setMany(run.dstApp, changes));
    const changed = new Set(changes.map((c) => c.name));
    run.destination.remember("variables", [...present.filter((v) => !changed.has(v.name)), ...sources.filter((v) => changed.has(v.name))]);
  }
  run.tally("variables", tally);
  return changes.length;
}
