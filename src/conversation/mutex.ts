/**
 * Serializes work per key inside this process. A conversation's turns, and agent actions on its
 * ticket, must not interleave: a turn reads state, awaits retrieval, then writes, and a second
 * message (or a channel's retry of the first) arriving meanwhile must see the first one's result.
 */
export class KeyedMutex {
  private readonly tails = new Map<string, Promise<unknown>>();

  /** Runs `fn` after every earlier `run` with the same key has settled. */
  async run<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const current = previous.then(fn, fn);
    const tail = current.catch(() => undefined);
    this.tails.set(key, tail);
    try {
      return await current;
    } finally {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }
}
