/**
 * The Traffic port: the global traffic component (Front Door) as the engine sees it, units with weights. Release
 * units move users in weight steps through it; a failover controller can switch units (or regions) through the same
 * port. Adapters live in src/azure/ (Front Door through ARM deployments and @azure/arm-cdn).
 */

/** One origin of a unit: where the traffic component sends that unit's users in one region. */
export interface UnitOrigin {
  unit: string;
  region: string;
  /** `host` or `host:port`, as the unit's stamp reported it. */
  hostName: string;
}

export interface UnitWeight {
  unit: string;
  /** Percent of users (0-100). 0 keeps the unit's origins in place but disabled: no user reaches it. */
  weight: number;
  origins: UnitOrigin[];
}

export interface TrafficState {
  /** Every unit the traffic component has entries for, with its share (enabled origins' weights). */
  units: UnitWeight[];
}

export interface Traffic {
  /** What the traffic component routes now; an empty list before it was ever deployed. */
  current(signal: AbortSignal): Promise<TrafficState>;
  /**
   * Makes the traffic component route exactly these shares (a redeploy with the weights as a parameter). A unit
   * that is left out loses its entries. `label` names the change (e.g. `w50`) so a re-run repeats the same one.
   */
  setWeights(weights: UnitWeight[], label: string, signal: AbortSignal, options?: SetWeightsOptions): Promise<{ deploymentName: string }>;
}

export interface SetWeightsOptions {
  /**
   * Users must move now (a revert): the adapter changes the live entries directly first, then makes the traffic
   * component's deployment agree, instead of waiting minutes for a redeploy to take effect.
   */
  immediate?: boolean;
}

/** Requests the traffic component sent to some origins in a window, and how many answered 5xx. */
export interface TrafficCount {
  requests: number;
  errors: number;
}

/** Azure Monitor metrics behind a port (adapter: src/azure/metrics.ts on @azure/arm-monitor). */
export interface TrafficMetrics {
  /** Counts for the origins in [fromMs, toMs), whole minutes. */
  originTraffic(origins: UnitOrigin[], fromMs: number, toMs: number, signal: AbortSignal): Promise<TrafficCount>;
}

/** Removes what a unit holds in Azure (its stamps' resource groups). */
export interface UnitResources {
  /** Resource groups of the unit, e.g. to show before they go. */
  groups(unit: string): string[];
  /** Deletes them and waits until they are gone; a group already gone counts as removed. */
  remove(unit: string, signal: AbortSignal): Promise<string[]>;
}

export const originName = (unit: string, region: string): string => `${unit}-${region}`;

/** Unit and region from an origin name made by `originName` (regions hold no `-`). */
export function parseOriginName(name: string): { unit: string; region: string } | undefined {
  const i = name.lastIndexOf('-');
  if (i <= 0) return undefined;
  return { unit: name.slice(0, i), region: name.slice(i + 1) };
}

/** Requests and 5xx answers of one resource (an App Service site) in [fromMs, toMs): metric checks of ordinary stages. */
export interface ResourceMetrics {
  resourceTraffic(resourceId: string, fromMs: number, toMs: number, signal: AbortSignal): Promise<TrafficCount>;
}
