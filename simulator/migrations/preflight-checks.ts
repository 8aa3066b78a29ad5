import { addonKind } from "../world/addon-catalog";
import type { App, Region } from "../world/types";
import type { World } from "../world/world";
import type { Migration } from "./types";

/** Each check returns the failure logs, or null when the check passes. */

export function checkAddonVersions(source: App, destination: Region): string | null {
  const tooOld = source.addons.filter((addon) => {
    const minimum = destination.minAddonVersions[addon.providerId];
    return minimum !== undefined && compareVersions(addon.version, minimum) < 0;
  });
  return joinLines(
    tooOld.map(
      (addon) =>
        `The addon ${addon.name} is using a version that is not supported on the ${destination.name} zone. ` +
        "Please update the addon before attempting a migration",
    ),
  );
}

export function checkCertificates(source: App, now: Date): string | null {
  const problems = source.domains.flatMap((domain) => {
    if (domain.certificateInvalid) {
      return [`The certificate of the domain ${domain.name} is invalid. Please replace or remove it before attempting a migration`];
    }
    if (domain.validity !== null && Date.parse(domain.validity) <= now.getTime()) {
      return [
        `The certificate of the domain ${domain.name} expired on ${domain.validity}. ` +
          "Please renew or remove it before attempting a migration",
      ];
    }
    return [];
  });
  return joinLines(problems);
}

export function checkAddonsCompatibility(source: App): string | null {
  const refused = source.addons.filter((addon) => !addonKind(addon.providerId).migratable);
  return joinLines(
    refused.map(
      (addon) =>
        `The addon ${addon.name} cannot be migrated automatically. ` +
        "Please contact the support if you need to migrate an application using it",
    ),
  );
}

export function checkNameAvailable(world: World, m: Migration): string | null {
  if (!world.isNameTaken(m.destination, m.dstAppName)) return null;
  return `The name ${m.dstAppName} is already used by an app on ${m.destination}. Please choose another name for the new app`;
}

export function compareVersions(a: string, b: string): number {
  const left = a.split(".").map(Number);
  const right = b.split(".").map(Number);
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const diff = (left[i] ?? 0) - (right[i] ?? 0);
    if (diff !== 0) return Math.sign(diff);
  }
  return 0;
}

function joinLines(lines: string[]): string | null {
  return lines.length === 0 ? null : lines.join("\n");
}
