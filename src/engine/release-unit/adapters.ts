import type { Plan } from '../../plan/types.js';
import type { LoadedSpec } from '../../spec/types.js';
import type { Traffic, TrafficMetrics, UnitResources } from '../traffic.js';

export interface ReleaseUnitAdapters {
  traffic: Traffic;
  metrics: TrafficMetrics;
  units: UnitResources;
}

/** Builds the adapters for a loaded spec and its plan; `unitSpec(unit)` loads the spec for another unit (its groups). */
export type ReleaseUnitAdapterFactory = (spec: LoadedSpec, plan: Plan, unitSpec: (unit: string) => LoadedSpec) => ReleaseUnitAdapters;
