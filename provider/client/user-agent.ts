import * as fs from "node:fs";
import * as path from "node:path";

/** `pulumi-scalingo-migration/<version>`, read from this package's own package.json. */
export function userAgent(): string {
  return `pulumi-scalingo-migration/${packageVersion()}`;
}

let version: string | undefined;

function packageVersion(): string {
  if (version) return version;
  // Compiled files live one level deeper (dist/) than sources: walk up to our package.json.
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const candidate = path.join(dir, "package.json");
    if (!fs.existsSync(candidate)) continue;
    const pkg = JSON.parse(fs.readFileSync(candidate, "utf8")) as { name?: string; version?: string };
    if (pkg.name === "pulumi-scalingo-migration" && pkg.version) return (version = pkg.version);
  }
  return (version = "0.0.0");
}
