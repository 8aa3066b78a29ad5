/**
 * Waits for something the test cannot be told about (a simulator state, a child's output).
 * The deadline only bounds a hang; tests assert outcomes, never how long things took.
 */
export async function waitFor(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 60_000, context: () => string = () => ""): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}${context() ? `:\n${context()}` : ""}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
