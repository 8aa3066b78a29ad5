import { addonKind } from "./addon-catalog";

/**
 * How long an app's data step takes, relative to the profiles' figure (a small app), from the
 * size of its databases (fixtures `sizeMb`): a part that does not depend on size (stopping the
 * app, provisioning addons), and backup and restore in proportion to the data.
 */

/** The database size (MB) the profiles' data figure stands for. */
export const REFERENCE_DATABASE_MB = 1024;
const FIXED_DATA_SHARE = 0.3;

/** The data step's factor for these addons; 1 when no database gives its size. */
export function dataFactorFromDatabases(addons: readonly { providerId: string; sizeMb?: number }[]): number {
  const sizes = addons.filter((a) => a.sizeMb !== undefined && addonKind(a.providerId).isDatabase).map((a) => a.sizeMb!);
  if (sizes.length === 0) return 1;
  const total = sizes.reduce((sum, size) => sum + size, 0);
  return FIXED_DATA_SHARE + (1 - FIXED_DATA_SHARE) * (total / REFERENCE_DATABASE_MB);
}
