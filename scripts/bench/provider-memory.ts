import * as fs from "node:fs";
import { dynamicProviderProcesses } from "../support/provider-processes";

/**
 * Peak resident memory of the dynamic-provider processes the engine starts, read from
 * /proc (VmHWM is the kernel's own high-water mark, so short peaks are not missed between
 * samples). Linux only; elsewhere it reports 0.
 */
export class ProviderMemoryProbe {
  peakRssBytes = 0;
  private timer?: NodeJS.Timeout;
  /** Providers already running (other programs): not ours to measure. */
  private readonly ignored = new Set<number>();

  start(): void {
    for (const { pid } of dynamicProviderProcesses()) this.ignored.add(pid);
    this.timer = setInterval(() => this.sample(), 250);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  private sample(): void {
    for (const { pid } of dynamicProviderProcesses()) {
      if (this.ignored.has(pid)) continue;
      try {
        const hwm = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
        if (hwm) this.peakRssBytes = Math.max(this.peakRssBytes, Number(hwm[1]) * 1024);
      } catch {
        // The process ended between listing and reading.
      }
    }
  }
}
