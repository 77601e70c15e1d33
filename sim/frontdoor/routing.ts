/**
 * How Front Door Standard/Premium picks an origin of a group: only enabled origins of the lowest priority number
 * take traffic, shared in proportion to `weight` (1-1000; default 50). The local edge uses smooth weighted
 * round-robin, so a split of 10/90 is exact over every ten requests instead of merely likely.
 */
export interface OriginChoice {
  id: string;
  hostName: string;
  httpsPort: number;
  priority: number;
  weight: number;
  enabled: boolean;
}

export class WeightedPicker {
  private readonly current = new Map<string, number>();

  pick(origins: OriginChoice[]): OriginChoice | undefined {
    const enabled = origins.filter((o) => o.enabled);
    if (enabled.length === 0) return undefined;
    const best = Math.min(...enabled.map((o) => o.priority));
    const pool = enabled.filter((o) => o.priority === best);
    const total = pool.reduce((sum, o) => sum + o.weight, 0);
    let chosen: OriginChoice | undefined;
    for (const o of pool) {
      const value = (this.current.get(o.id) ?? 0) + o.weight;
      this.current.set(o.id, value);
      if (!chosen || value > this.current.get(chosen.id)!) chosen = o;
    }
    this.current.set(chosen!.id, this.current.get(chosen!.id)! - total);
    return chosen;
  }
}
