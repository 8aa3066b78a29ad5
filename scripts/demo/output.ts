import type { OutputMap } from "@pulumi/pulumi/automation";

/** Where the demo writes: the terminal, or a test's buffer. */
export type Write = (text: string) => void;

export interface DemoOutput {
  write: Write;
  say(text: string): void;
  banner(text: string): void;
  /** The status line after each `pulumi up`. */
  summarize(outputs: OutputMap): void;
}

export function demoOutput(write: Write, color: boolean): DemoOutput {
  const say = (text: string) => write(`${text}\n`);
  return {
    write,
    say,
    banner: (text) => write(color ? `\n\x1b[1m==> ${text}\x1b[0m\n` : `\n==> ${text}\n`),
    summarize: (outputs) => {
      say(`status: ${outputs.status?.value}   stage reached: ${outputs.reachedStage?.value}`);
      if (outputs.nextStep?.value) say(`next: ${outputs.nextStep.value}`);
    },
  };
}

interface ManualAction {
  id: string;
  action: string;
  why: string;
  blocking: boolean;
}

interface CopiedCount {
  copied: number;
  skipped: number;
  why: string[];
}

/**
 * The `manualActions` output as a checklist a person can tick off: blocking items first and
 * marked, each with why it is left to them.
 */
export function checklistLines(actions: readonly ManualAction[]): string[] {
  if (!actions.length) return ["  (nothing left to do by hand)"];
  const ordered = [...actions.filter((a) => a.blocking), ...actions.filter((a) => !a.blocking)];
  const lines = ordered.flatMap((a) => [`  [ ] ${a.blocking ? "BLOCKING  " : ""}${a.action}`, `        why: ${a.why}`]);
  const blocking = actions.filter((a) => a.blocking).length;
  return [...lines, `  ${actions.length} item(s), ${blocking} blocking${blocking ? " (the migration cannot go on until they are done)" : ""}`];
}

/** The `copied` output: per kind of object, how many were copied and skipped, and why. */
export function copiedLines(copied: Readonly<Record<string, CopiedCount>>): string[] {
  const kinds = Object.keys(copied);
  if (!kinds.length) return ["  (nothing copied yet)"];
  const width = Math.max(...kinds.map((k) => k.length));
  return kinds.flatMap((kind) => {
    const count = copied[kind]!;
    return [`  ${kind.padEnd(width)}  ${String(count.copied).padStart(2)} copied, ${String(count.skipped).padStart(2)} skipped`, ...count.why.map((why) => `  ${" ".repeat(width)}    - ${why}`)];
  });
}
