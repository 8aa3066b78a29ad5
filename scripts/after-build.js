"use strict";
// Runs after every `tsc` of `npm run build`; two things the compiler cannot do.
const fs = require("node:fs");
const path = require("node:path");

const root = path.resolve(__dirname, "..");

// 1. tsc writes its output files without the execute bit, so each build would leave the
//    `scalingo-simulator` bin (package.json "bin") unrunnable: `npx scalingo-simulator` then
//    answers "Permission denied".
fs.chmodSync(path.join(root, "dist", "simulator", "cli.js"), 0o755);

// 2. The dynamic provider loads its code with require("pulumi-scalingo-migration/runtime") from
//    the Pulumi program's directory, exactly as in a user's project. Inside this repository (the
//    root Pulumi project, the tests) that name must resolve to the repository itself, so we
//    link node_modules/pulumi-scalingo-migration -> the repository root.
const link = path.join(root, "node_modules", "pulumi-scalingo-migration");
let linked = false;
try {
  linked = fs.readlinkSync(link) === root;
  if (!linked) fs.unlinkSync(link);
} catch {
  // absent or not a link: create it below
}
if (!linked) {
  fs.mkdirSync(path.dirname(link), { recursive: true });
  fs.symlinkSync(root, link, "dir");
}
