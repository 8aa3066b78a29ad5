import * as fs from "node:fs";
import * as path from "node:path";
import { REPO } from "../../../scripts/support/local-engine";

/** Where the README's quickstart says the simulator listens (`--port 4000`). */
export const README_SIMULATOR_URL = "http://127.0.0.1:4000";

/**
 * The shell lines of the README block between `<!-- NAME:begin -->` and `<!-- NAME:end -->`:
 * the commands a user copies. Read from the README itself, so a test of them breaks as soon
 * as the README drifts from what works.
 */
export function readmeCommands(name: string): string[] {
  const readme = fs.readFileSync(path.join(REPO, "README.md"), "utf8");
  const match = new RegExp(`<!-- ${name}:begin -->\\s*\`\`\`sh\\n([\\s\\S]*?)\`\`\`\\s*<!-- ${name}:end -->`).exec(readme);
  if (!match) throw new Error(`README.md has no \`\`\`sh block between <!-- ${name}:begin --> and <!-- ${name}:end -->`);
  return match[1]!.split("\n").filter((line) => line.trim() !== "");
}

/**
 * One bash script that runs the lines in order, like a person pasting them one at a time:
 * it stops at the first failing line and names it on stderr.
 */
export function scriptOf(lines: readonly string[]): string {
  return ["set -uo pipefail", ...lines.flatMap((line, i) => [line, `code=$?; if [ $code -ne 0 ]; then echo "README line ${i + 1} failed with exit code $code: ${line.replace(/["$`\\]/g, "\\$&")}" >&2; exit $code; fi`])].join("\n");
}
