"use strict";
// The dynamic provider loads its code with require("pulumi-scalingo-migration/runtime") from the
// Pulumi program's directory, exactly as in a user's project. Inside this repository (the root
// Pulumi project, the examples, the tests) that name must resolve to the repository itself, so
// we link node_modules/pulumi-scalingo-migration -> the repository root after each build.
const fs = require("node:fs");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
const link = path.join(root, "node_modules", "pulumi-scalingo-migration");
try {
  if (fs.readlinkSync(link) === root) process.exit(0);
  fs.unlinkSync(link);
} catch {
  // absent or not a link: create it below
}
fs.mkdirSync(path.dirname(link), { recursive: true });
fs.symlinkSync(root, link, "dir");
