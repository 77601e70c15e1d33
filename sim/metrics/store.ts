/**
 * Azure Monitor's counters as the local endpoint keeps them: per resource, per metric, per minute, per set of
 * dimension values. Front Door and the stamp apps add to them as they serve requests; the metrics API reads them.
 */
const MINUTE = 60_000;

export type Dimensions = Record<string, string>;

interface Series {
  dims: Dimensions;
  /** Minute start (ms) -> count. */
  counts: Map<number, number>;
}

export class MetricStore {
  private readonly series = new Map<string, Map<string, Series>>();

  add(resourceId: string, metric: string, dims: Dimensions, at: number, count = 1): void {
    const key = `${resourceId.toLowerCase()}|${metric.toLowerCase()}`;
    let byDims = this.series.get(key);
    if (!byDims) this.series.set(key, (byDims = new Map()));
    const dimsKey = JSON.stringify(Object.entries(dims).sort(([a], [b]) => a.localeCompare(b)));
    let s = byDims.get(dimsKey);
    if (!s) byDims.set(dimsKey, (s = { dims, counts: new Map() }));
    const minute = Math.floor(at / MINUTE) * MINUTE;
    s.counts.set(minute, (s.counts.get(minute) ?? 0) + count);
  }

  /** Totals per interval in [from, to), split by `splitBy` dimensions, filtered by `equals` (dimension -> value). */
  query(resourceId: string, metric: string, q: { from: number; to: number; intervalMs: number; splitBy: string[]; equals: Dimensions }): Array<{ dims: Dimensions; totals: Array<{ at: number; total: number }> }> {
    const byDims = this.series.get(`${resourceId.toLowerCase()}|${metric.toLowerCase()}`) ?? new Map<string, Series>();
    const groups = new Map<string, { dims: Dimensions; totals: Map<number, number> }>();
    const dimOf = (dims: Dimensions, name: string): string | undefined => Object.entries(dims).find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];
    for (const s of byDims.values()) {
      if (Object.entries(q.equals).some(([k, v]) => (dimOf(s.dims, k) ?? '').toLowerCase() !== v.toLowerCase())) continue;
      const dims = Object.fromEntries(q.splitBy.map((d) => [d, dimOf(s.dims, d) ?? '']));
      const key = JSON.stringify(dims);
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { dims, totals: new Map() }));
      for (const [minute, count] of s.counts) {
        if (minute < q.from || minute >= q.to) continue;
        const slot = q.from + Math.floor((minute - q.from) / q.intervalMs) * q.intervalMs;
        g.totals.set(slot, (g.totals.get(slot) ?? 0) + count);
      }
    }
    const slots: number[] = [];
    for (let t = q.from; t < q.to; t += q.intervalMs) slots.push(t);
    if (groups.size === 0 && q.splitBy.length === 0) groups.set('{}', { dims: {}, totals: new Map() });
    return [...groups.values()].map((g) => ({ dims: g.dims, totals: slots.map((at) => ({ at, total: g.totals.get(at) ?? 0 })) }));
  }
}
