import * as assert from "node:assert/strict";
import { checkingBeforeWrites, type RequestGate } from "../../provider/client/request-gate";

describe("checkingBeforeWrites: a write is checked after its turn and before it is sent", () => {
  it("checks writes only, after the inner gate let them through", async () => {
    const said: string[] = [];
    const inner: RequestGate = { acquire: async (priority) => void said.push(`turn ${priority}`), onRateLimited: () => said.push("429") };
    const gate = checkingBeforeWrites(inner, async () => void said.push("check"));
    await gate.acquire("read");
    await gate.acquire("poll");
    await gate.acquire("write");
    gate.onRateLimited();
    assert.deepEqual(said, ["turn read", "turn poll", "turn write", "check", "429"]);
  });

  it("a write whose check never ends is never let through", async () => {
    const gate = checkingBeforeWrites({ acquire: async () => undefined, onRateLimited: () => undefined }, () => new Promise<void>(() => undefined));
    const outcome = await Promise.race([gate.acquire("write").then(() => "sent"), new Promise((resolve) => setTimeout(() => resolve("held"), 50))]);
    assert.equal(outcome, "held");
  });
});
