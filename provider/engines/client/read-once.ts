/**
 * One read per key: the first caller's promise serves every later one, so concurrent callers
 * share one request. A failed read is forgotten, so the next caller tries again.
 */
export function readOnce<T>(reads: Map<string, Promise<unknown>>, key: string, read: () => Promise<T>): Promise<T> {
  let value = reads.get(key) as Promise<T> | undefined;
  if (!value) {
    value = read();
    reads.set(key, value);
    value.catch(() => reads.delete(key));
  }
  return value;
}
