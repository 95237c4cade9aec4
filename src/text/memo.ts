/**
 * A pure one-string function with a bounded cache. One message goes through the same analysis
 * steps several times (language detection, typo repair, the thesaurus, scope checks, and again for
 * each problem it states), each step normalizing and scanning the same text; the cache makes the
 * repeats free. Emptied when full: the working set is one message, not a history.
 */
export function memoized<T>(fn: (text: string) => T, max = 512): (text: string) => T {
  const cache = new Map<string, T>();
  return (text) => {
    let value = cache.get(text);
    if (value === undefined) {
      value = fn(text);
      if (cache.size >= max) cache.clear();
      cache.set(text, value);
    }
    return value;
  };
}
