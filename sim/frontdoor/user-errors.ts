/**
 * Errors injected into what users get from a unit's apps, while `/healthz` stays fine: the case only traffic-aware
 * health (metrics under real load) can catch. Deterministic: a ratio of 0.2 fails exactly every fifth request.
 */
export interface UserErrorRule {
  /** The app version (the unit's release) that serves errors. */
  version: string;
  /** Share of user requests answered with `status` (0-1). */
  ratio: number;
  status?: number;
  /** From this long after the app started (or was redeployed). */
  afterMs?: number;
}

export function userErrorStatus(rules: UserErrorRule[], app: { version: string }, ageMs: number, served: number): number | undefined {
  const rule = rules.find((r) => r.version === app.version && ageMs >= (r.afterMs ?? 0));
  if (!rule || rule.ratio <= 0) return undefined;
  return Math.floor(served * rule.ratio) > Math.floor((served - 1) * rule.ratio) ? rule.status ?? 500 : undefined;
}
