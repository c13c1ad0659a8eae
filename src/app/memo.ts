/**
 * Work kept for values worked out again and again (computed signals over thousands of answers), so
 * what did not change is not worked out again.
 */

/**
 * A list worked out again and again, given back as the same array while its items are the same
 * ones: what is worked out from it (computed signals) is then not worked out again.
 */
export function stableList<T>(): (next: T[]) => T[] {
  let last: T[] = [];
  return (next) => {
    if (next.length !== last.length || next.some((item, i) => item !== last[i])) last = next;
    return last;
  };
}

/** `make` of each object, worked out at its first asking and kept while the object lives. */
export function onceEach<K extends object, V>(make: (key: K) => V): (key: K) => V {
  const made = new WeakMap<K, V>();
  return (key) => {
    if (made.has(key)) return made.get(key) as V;
    const value = make(key);
    made.set(key, value);
    return value;
  };
}
