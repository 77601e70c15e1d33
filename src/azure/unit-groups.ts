import type { TokenCredential } from '@azure/core-auth';
import { ResourceManagementClient } from '@azure/arm-resources';
import { DEFAULT_RETRY, withRetry } from '../engine/retry.js';
import type { UnitResources } from '../engine/traffic.js';
import type { Clock } from '../time/clock.js';
import { fromSdkError } from './arm-errors.js';
import { withArmPolicies } from './pipeline.js';

/**
 * A release unit's resource groups on ARM: the teardown deletes them (with everything in them) and waits until they
 * are gone. Which groups belong to a unit comes from the spec (its unit components' `{unit}` resource groups).
 */
export interface ArmUnitResourcesOptions {
  credential: TokenCredential;
  endpoint?: string;
  clock: Clock;
  groupsOf: (unit: string) => Array<{ subscription: string; resourceGroup: string }>;
  /** The rollout's correlation id, sent on every request as the deployer sends it. */
  correlationId?: string;
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
      // The SDK's retries off: they would sleep in real time under ours (six attempts became 24 DELETEs).
      const { credential, endpoint, correlationId } = this.options;
      const client = withArmPolicies(new ResourceManagementClient(credential, subscription, { endpoint, retryOptions: { maxRetries: 0 } }), credential, correlationId);
      const { clock } = this.options;
      // Our own retries and polling on the engine's clock: the SDK's poller would sleep in real time and spend reads.
      const arm = <T>(what: string, call: () => Promise<T>): Promise<T> =>
        withRetry(() => clock.track(call()).catch((error) => {
          throw fromSdkError(error, what);
        }), { clock, policy: { ...DEFAULT_RETRY, attempts: 6, baseMs: 1_000 }, signal });
      const exists = async (): Promise<boolean> => (await arm(`reading resource group ${resourceGroup}`, () => client.resourceGroups.checkExistence(resourceGroup, { abortSignal: signal }))).body;
      if (await exists()) {
        await arm(`deleting resource group ${resourceGroup}`, () => client.resourceGroups.beginDelete(resourceGroup, { abortSignal: signal }));
        let polls = 0;
        while (await exists()) {
          if (++polls > 720) throw new Error(`resource group ${resourceGroup} is still there an hour after its deletion was accepted`);
          await clock.sleep(5_000, signal);
        }
      }
      removed.push(resourceGroup);
    }
    return removed;
  }
}
