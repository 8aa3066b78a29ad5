import * as net from "node:net";

/**
 * Stops this provider process when the Pulumi engine that started it is gone.
 *
 * The engine starts providers in a process group of their own, so a `kill -9` of `pulumi up`
 * (or a crashed terminal) leaves the provider running. Left alone it would keep driving the
 * migration — sending the next step while the user's next `pulumi up` resumes it too (seen
 * with this watchdog disabled: the orphan sent prepare 0.7 s after the kill, and lived on).
 *
 * What stops it: its next output line, which fails (EPIPE) once the engine is gone; the
 * migrator announces every write to Scalingo with a progress line before sending it, so the
 * orphan stops before the write. Without output, the engine's address (our first argument)
 * refusing connections twice, 2 s apart: about 4 s. A step already sent keeps running on
 * Scalingo's side; the next `pulumi up` waits for it. test/reliability/kill-9.test.ts
 * measures both (orphan gone, no write after the kill).
 */
const CHECK_EVERY_MS = 2_000;
/** Consecutive refusals before we conclude (a busy engine may miss one accept). */
const REFUSALS_TO_STOP = 2;

let started = false;

export function watchEngine(onGone: (reason: string) => void = stopProcess): void {
  if (started) return;
  started = true;
  const address = engineAddress(process.argv);
  if (!address) return; // Not under the engine (tests call the provider in-process).
  // The engine reads our stdout and stderr: when it dies, writing there fails with EPIPE. Left
  // unhandled, that error is reported (to stderr, failing again) in an endless loop.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "EPIPE") onGone("the Pulumi engine closed our output");
    });
  }
  let refusals = 0;
  const timer = setInterval(() => {
    probe(address).then((alive) => {
      refusals = alive ? 0 : refusals + 1;
      if (refusals >= REFUSALS_TO_STOP) {
        clearInterval(timer);
        onGone(`the Pulumi engine at ${address.host}:${address.port} is gone`);
      }
    });
  }, CHECK_EVERY_MS);
  timer.unref();
}

/**
 * Before a write: resolves at once while the engine that started this process is there (one
 * local connect), and stops the process when it is gone. The client engine writes many times
 * per sub-step without an output line between writes, so the watchdog's two ways (the next
 * output line, the 2 s probe) could let an orphan send writes for seconds after a kill -9,
 * racing the user's recovery `up` (seen: both provisioned the same addon, 422). Outside the
 * engine (tests in-process), nothing to check.
 */
export async function engineStillThere(onGone: (reason: string) => void = stopProcess): Promise<void> {
  const address = engineAddress(process.argv);
  if (!address) return;
  for (let refusals = 1; ; refusals++) {
    if (await probe(address)) return;
    if (refusals >= REFUSALS_TO_STOP) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  onGone(`the Pulumi engine at ${address.host}:${address.port} is gone (checked before a write)`);
  // stopProcess exits; should onGone return, the write must still never be sent.
  await new Promise<never>(() => undefined);
}

export function engineAddress(argv: readonly string[]): { host: string; port: number } | undefined {
  const isDynamicProvider = argv.some((arg) => /dynamic-provider/.test(arg));
  const match = isDynamicProvider ? argv.slice(2).map((a) => /^([\w.-]+|\[[\d:]+\]):(\d+)$/.exec(a)).find(Boolean) : undefined;
  return match ? { host: match[1]!.replace(/^\[|\]$/g, ""), port: Number(match[2]) } : undefined;
}

function probe(address: { host: string; port: number }): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(address.port, address.host);
    socket.setTimeout(1_000);
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("timeout", () => {
      socket.destroy();
      resolve(true); // Slow is not gone.
    });
    socket.once("error", (error: NodeJS.ErrnoException) => resolve(error.code !== "ECONNREFUSED"));
  });
}

function stopProcess(reason: string): void {
  try {
    process.stderr.write(`[scalingo] ${reason}: stopping this provider; the next \`pulumi up\` resumes the migration from Scalingo's state\n`);
  } catch {
    // Nobody is listening any more: exiting is all that is left to do.
  }
  process.exit(1);
}
