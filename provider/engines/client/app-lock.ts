/**
 * One migration step at a time per source app in this process: two resources naming the
 * same app (a copy-pasted program) must not scale, freeze or restore it at once. Scalingo
 * itself refuses a second scale while one runs (422); this keeps the engine from asking.
 */
const tails = new Map<string, Promise<unknown>>();

export async function serialised<T>(key: string, work: () => Promise<T>): Promise<T> {
  const previous = tails.get(key) ?? Promise.resolve();
  const mine = previous.catch(() => undefined).then(work);
  tails.set(key, mine);
  try {
    return await mine;
  } finally {
    if (tails.get(key) === mine) tails.delete(key);
  }
}
