import * as assert from "node:assert/strict";
import { AppMigration } from "../../provider";
import { newStack, requireEngine } from "../support/pulumi-engine";

describe("engine smoke", function () {
  this.timeout(120_000);
  before(function () {
    requireEngine(this);
  });

  it("reports a missing token with both ways to provide one", async () => {
    const s = await newStack({
      program: async () => {
        new AppMigration("m", { app: "my-app", sourceRegion: "osc-fr1", destinationRegion: "osc-secnum-fr1", stage: "create" });
      },
      env: { SCALINGO_API_TOKEN: "", SCALINGO_AUTH_URL: "http://127.0.0.1:9" },
    });
    try {
      await assert.rejects(s.up(), /SCALINGO_API_TOKEN.*scalingo:apiToken/s);
      console.log(s.output.join(""));
    } finally {
      await s.remove();
    }
  });
});
