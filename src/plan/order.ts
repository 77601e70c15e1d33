/**
 * Orders items so that each comes after what it requires (among the given items; others are taken as done), keeping
 * the given order wherever requires allows it: the same spec always yields the same order.
 */
export function dependencyOrder<T extends { id: string; requires: string[] }>(items: T[]): T[] {
  const ids = new Set(items.map((i) => i.id));
  const done = new Set<string>();
  const ordered: T[] = [];
  while (ordered.length < items.length) {
    const next = items.find((i) => !done.has(i.id) && i.requires.every((r) => done.has(r) || !ids.has(r)));
    // The spec loader rejects cycles; if one slipped through, keep the rest in given order rather than loop forever.
    const pick = next ?? items.find((i) => !done.has(i.id))!;
    done.add(pick.id);
    ordered.push(pick);
  }
  return ordered;
}
