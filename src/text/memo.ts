/** A memoized one-string function; `clear` forgets every value (what it depends on changed). */
export interface Memoized<T> {
  (text: string): T;
  clear(): void;
}

/**
 * A pure one-string function with a bounded cache. One message goes through the same analysis
 * steps several times (language detection, typo repair, the thesaurus, scope checks, and again for
 * each problem it states), each step normalizing and scanning the same text; the cache makes the
 * repeats free. Emptied when full: the working set is one message, not a history. A function that
 * reads state beyond its argument (the thesaurus, which the knowledge base can change) is cleared
 * by whoever changes that state.
 */
export function memoized<T>(fn: (text: string) => T, max = 512): Memoized<T> {
  const cache = new Map<string, T>();
  const memo = (text: string): T => {
    let value = cache.get(text);
    if (value === undefined) {
      value = fn(text);
      if (cache.size >= max) cache.clear();
      cache.set(text, value);
    }
    return value;
  };
  return Object.assign(memo, { clear: () => cache.clear() });
}
