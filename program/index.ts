/**
 * The root Pulumi project's program (Pulumi.yaml points here once built): stack outputs are
 * this module's exports. The demo and the tests run the same function inline.
 */
import { migrationFromConfig } from "./migration-from-config";

export = migrationFromConfig();
