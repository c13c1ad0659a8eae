/**
 * A list worked out again and again (a computed signal's), given back as the same array while its
 * items are the same ones: what is worked out from it is then not worked out again, which matters
 * for lists of thousands.
 */
export function stableList<T>(): (next: T[]) => T[] {
  let last: T[] = [];
  return (next) => {
    if (next.length !== last.length || next.some((item, i) => item !== last[i])) last = next;
    return last;
  };
}
