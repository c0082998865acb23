/**
 * Runs async work one at a time per key (a sha256), within this process. Storing a file and
 * recording it, or forgetting it and deleting it, must not interleave for the same bytes: an upload
 * could otherwise count on an object a concurrent delete is removing. Quire is one process per
 * SQLite database, so a process-local lock covers every writer.
 */
export function createKeyLock () {
  const tails = new Map<string, Promise<unknown>>()
  return async function withLock<T> (key: string, work: () => Promise<T>): Promise<T> {
    const previous = tails.get(key) ?? Promise.resolve()
    const run = previous.then(work, work)
    const tail = run.catch(() => undefined)
    tails.set(key, tail)
    try {
      return await run
    } finally {
      if (tails.get(key) === tail) tails.delete(key)
    }
  }
}

export type KeyLock = ReturnType<typeof createKeyLock>
