/**
 * Runs at most `limit` tasks at once. The fault matrix runs its cells side by side (each on
 * its own simulator) to stay fast, but not all at once: a loaded event loop could make the
 * 1 s client timeout fire on healthy requests.
 */
export function concurrencyLimit(limit: number): <T>(task: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (running >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    running++;
    try {
      return await task();
    } finally {
      running--;
      waiting.shift()?.();
    }
  };
}
