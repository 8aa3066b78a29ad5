import type * as pulumi from "@pulumi/pulumi";

/**
 * The object Pulumi serializes into every AppMigration's `__provider`. It captures nothing:
 * each method loads the real code by package name at run time, from the program's
 * node_modules. That keeps the state small (a couple of KB), keeps credentials and sockets
 * out of it, and lets a fix in the package reach resources created by an older version.
 *
 * The methods must stay plain functions that mention only `require` and their arguments:
 * anything they close over would be frozen into state.
 */
export const appMigrationProvider: pulumi.dynamic.ResourceProvider = {
  configure: (req) => require("pulumi-scalingo-migration/runtime").configure(req),
  check: (olds, news) => require("pulumi-scalingo-migration/runtime").check(olds, news),
  diff: (id, olds, news) => require("pulumi-scalingo-migration/runtime").diff(id, olds, news),
  create: (inputs) => require("pulumi-scalingo-migration/runtime").create(inputs),
  update: (id, olds, news) => require("pulumi-scalingo-migration/runtime").update(id, olds, news),
  read: (id, props) => require("pulumi-scalingo-migration/runtime").read(id, props),
  delete: (id, props) => require("pulumi-scalingo-migration/runtime").deleteMigration(id, props),
};
