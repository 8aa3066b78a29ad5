import * as net from "node:net";

export interface LoopbackGuard {
  /** Hosts something in this process tried to connect to and was refused. */
  refused: string[];
  restore(): void;
}

/**
 * Refuses every socket connection to a host that is not this machine, before any DNS lookup
 * or packet, and records the attempt. Reliability runs must keep all traffic on loopback; the
 * security tests also use the record to prove that the client never even tried to reach a
 * foreign host it was pointed at.
 */
export function guardLoopbackOnly(): LoopbackGuard {
  const original = net.Socket.prototype.connect;
  const refused: string[] = [];
  const guarded = function (this: net.Socket, ...args: unknown[]) {
    const host = targetHost(args);
    if (host !== undefined && !isLoopback(host)) {
      refused.push(host);
      const error = Object.assign(new Error(`loopback guard: refused a connection to ${host}`), { code: "ECONNREFUSED" });
      process.nextTick(() => this.destroy(error));
      return this;
    }
    return (original as (...a: unknown[]) => net.Socket).apply(this, args);
  };
  net.Socket.prototype.connect = guarded as typeof original;
  return {
    refused,
    restore: () => {
      if (net.Socket.prototype.connect === (guarded as typeof original)) net.Socket.prototype.connect = original;
    },
  };
}

/** The host of a Socket#connect call: (options), ([options, cb]) from net.connect, or (port, host). */
function targetHost(args: unknown[]): string | undefined {
  const first = Array.isArray(args[0]) ? (args[0] as unknown[])[0] : args[0];
  if (first && typeof first === "object") {
    const options = first as { host?: string; path?: string };
    if (options.path) return undefined; // A local socket file.
    return options.host ?? "localhost";
  }
  if (typeof first === "number" || (typeof first === "string" && /^\d+$/.test(first))) {
    return typeof args[1] === "string" ? args[1] : "localhost";
  }
  return undefined;
}

function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, "").toLowerCase();
  return h === "localhost" || h === "::1" || /^(::ffff:)?127\.\d+\.\d+\.\d+$/.test(h);
}
