/**
 * Failures scripted through the admin API for the public API's asynchronous jobs: the next
 * matching deploy, addon provisioning, backup or restore ends in error with `message`.
 */
export interface AsyncFailure {
  kind: "deploy" | "addon" | "backup" | "restore";
  /** App name, or "*" (default) for any. */
  app?: string;
  region?: string;
  message?: string;
  /** How many jobs it fails; unlimited when absent. */
  times?: number;
}

export const DEFAULT_ASYNC_FAILURE: Record<AsyncFailure["kind"], string> = {
  deploy: "Simulated build failure (scripted in the simulator)",
  addon: "Simulated provisioning failure (scripted in the simulator)",
  backup: "Simulated backup failure (scripted in the simulator)",
  restore: "Simulated restore failure (scripted in the simulator)",
};

export class AsyncFailures {
  private failures: AsyncFailure[] = [];

  add(failure: AsyncFailure): void {
    this.failures.push({ ...failure });
  }

  list(): AsyncFailure[] {
    return this.failures.map((f) => ({ ...f }));
  }

  clear(): void {
    this.failures = [];
  }

  /** The message of the first failure matching this job (consuming one of its `times`), or null. */
  take(kind: AsyncFailure["kind"], app: { name: string; region: string }): string | null {
    const failure = this.failures.find(
      (f) => f.kind === kind && (f.app === undefined || f.app === "*" || f.app === app.name) && (f.region === undefined || f.region === app.region),
    );
    if (!failure) return null;
    if (failure.times !== undefined) {
      failure.times -= 1;
      if (failure.times <= 0) this.failures = this.failures.filter((f) => f !== failure);
    }
    return failure.message ?? DEFAULT_ASYNC_FAILURE[kind];
  }
}
