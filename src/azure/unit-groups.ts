import type { TokenCredential } from '@azure/core-auth';
import { ResourceManagementClient } from '@azure/arm-resources';
import type { UnitResources } from '../engine/traffic.js';
import type { Clock } from '../time/clock.js';
import { fromSdkError } from './arm-errors.js';

/**
 * A release unit's resource groups on ARM: the teardown deletes them (with everything in them) and waits until they
 * are gone. Which groups belong to a unit comes from the spec (its unit components' `{unit}` resource groups).
 */
export interface ArmUnitResourcesOptions {
  credential: TokenCredential;
  endpoint?: string;
  clock: Clock;
  groupsOf: (unit: string) => Array<{ subscription: string; resourceGroup: string }>;
}

export class ArmUnitResources implements UnitResources {
  private readonly options: ArmUnitResourcesOptions;

  constructor(options: ArmUnitResourcesOptions) {
    this.options = options;
  }

  groups(unit: string): string[] {
    return [...new Set(this.options.groupsOf(unit).map((g) => g.resourceGroup))];
  }

  async remove(unit: string, signal: AbortSignal): Promise<string[]> {
    const removed: string[] = [];
    const seen = new Set<string>();
    for (const { subscription, resourceGroup } of this.options.groupsOf(unit)) {
      const key = `${subscription}/${resourceGroup}`.toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      const client = new ResourceManagementClient(this.options.credential, subscription, { endpoint: this.options.endpoint });
      const exists = await this.options.clock.track(client.resourceGroups.checkExistence(resourceGroup, { abortSignal: signal }));
      if (exists.body) {
        await this.options.clock.track(client.resourceGroups.beginDeleteAndWait(resourceGroup, { abortSignal: signal, updateIntervalInMs: 50 })).catch((error) => {
          throw fromSdkError(error, `deleting resource group ${resourceGroup}`);
        });
      }
      removed.push(resourceGroup);
    }
    return removed;
  }
}
