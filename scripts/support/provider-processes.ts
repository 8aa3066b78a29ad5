import * as fs from "node:fs";

export interface ProviderProcess {
  pid: number;
  ppid: number;
}

/**
 * The Node.js dynamic-provider processes running on this machine, read from /proc (Linux;
 * elsewhere none are found). The engine starts them in process groups of their own, so
 * tests and benchmarks find them here rather than among their own children. With
 * `environment` (e.g. "SCALINGO_AUTH_URL=http://127.0.0.1:4123"), only those started with
 * that variable: the ones serving one simulator, not other programs on the machine.
 */
export function dynamicProviderProcesses(options: { environment?: string } = {}): ProviderProcess[] {
  return machineProcesses(
    (cmdline, environ) => cmdline.includes("dynamic-provider") && (!options.environment || environ().split("\0").includes(options.environment)),
  );
}

/**
 * Processes on this machine whose command line (NUL-separated, as in /proc) matches; `environ`
 * reads their environment only when asked. Linux only: elsewhere none are found.
 */
export function machineProcesses(match: (cmdline: string, environ: () => string) => boolean): ProviderProcess[] {
  let pids: string[];
  try {
    pids = fs.readdirSync("/proc").filter((entry) => /^\d+$/.test(entry));
  } catch {
    return [];
  }
  return pids.flatMap((pid) => {
    try {
      if (!match(fs.readFileSync(`/proc/${pid}/cmdline`, "utf8"), () => fs.readFileSync(`/proc/${pid}/environ`, "utf8"))) return [];
      const ppid = /PPid:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
      return [{ pid: Number(pid), ppid: Number(ppid ?? 0) }];
    } catch {
      return []; // It ended between listing and reading.
    }
  });
}
