import type { TokenCredential } from '@azure/core-auth';
import type { ReleaseUnitAdapterFactory } from '../engine/release-unit/adapters.js';
import type { Clock } from '../time/clock.js';
import { FrontDoorTraffic } from './frontdoor-traffic.js';
import { AzureMonitorMetrics } from './metrics.js';
import { specCorrelationId } from './pipeline.js';
import { ArmUnitResources } from './unit-groups.js';

/** The release-unit adapters on Azure: Front Door for traffic, Azure Monitor for metrics, ARM for the unit's groups. */
export function azureReleaseUnitAdapters(options: { credential: TokenCredential; endpoint?: string; clock: Clock }): ReleaseUnitAdapterFactory {
  return (spec, plan, unitSpec) => {
    const traffic = new FrontDoorTraffic({ ...options, spec, plan });
    const correlationId = specCorrelationId(spec);
    const components = new Set(plan.releaseUnits!.components);
    return {
      traffic,
      metrics: new AzureMonitorMetrics({ ...options, correlationId, subscription: plan.releaseUnits!.traffic.stamp!.subscription, profileId: (signal) => traffic.profileId(signal) }),
      units: new ArmUnitResources({
        ...options,
        correlationId,
        groupsOf: (unit) =>
          unitSpec(unit)
            .stamps.filter((s) => components.has(s.component) && s.resourceGroup !== undefined)
            .map((s) => ({ subscription: s.subscription, resourceGroup: s.resourceGroup! })),
      }),
    };
  };
}
