import type { ResourceManagementClient } from '@azure/arm-resources';
import type { PlanStamp } from '../plan/types.js';
import { armCall, type ArmCallContext } from './arm-call.js';
import { fromSdkError } from './arm-errors.js';
import type { ArmBudgets } from './subscription-budgets.js';

export interface ResourceGroupsDeps {
  call: ArmCallContext;
  /** The budgets of the stamp's subscription. */
  budgets: (stamp: PlanStamp) => ArmBudgets;
  /** A resource-management client for a subscription, made once per subscription. */
  newClient: (subscription: string) => ResourceManagementClient;
}

/**
 * The resource groups of resource-group-scope stamps: whether each exists, and creating it before its first
 * deployment. What the deployment listing already said of a group is trusted, so that no HEAD asks it again.
 */
export class ResourceGroups {
  private readonly deps: ResourceGroupsDeps;
  private readonly clients = new Map<string, ResourceManagementClient>();
  /** Groups the deployment list showed to exist (true) or to be missing (false). */
  private readonly known = new Map<string, boolean>();
  /** One creation per group, shared by the stamps deploying into it; forgotten when it fails, so a retry asks again. */
  private readonly ensured = new Map<string, Promise<void>>();

  constructor(deps: ResourceGroupsDeps) {
    this.deps = deps;
  }

  /** What a listing of the stamp's group found: deployments (it exists) or ResourceGroupNotFound. */
  listed(stamp: PlanStamp, exists: boolean): void {
    this.known.set(groupKey(stamp), exists);
  }

  /** True once this process has made sure of the group (or is doing so): a stamp of it need not wait for it. */
  ensuring(stamp: PlanStamp): boolean {
    return this.ensured.has(groupKey(stamp));
  }

  /** Whether the group exists, from the listing when it told, else from ARM. */
  async exists(stamp: PlanStamp, signal: AbortSignal): Promise<boolean> {
    const known = this.known.get(groupKey(stamp));
    if (known !== undefined) return known;
    const client = this.client(stamp.subscription);
    const answer = await armCall(this.deps.call, { what: `checking resource group ${stamp.resourceGroup}`, budget: this.deps.budgets(stamp).reads, signal, send: () => client.resourceGroups.checkExistence(stamp.resourceGroup!, { abortSignal: signal }) });
    return answer.body;
  }

  /** Creates the stamp's group, tagged as ours, unless it exists. */
  ensure(stamp: PlanStamp, signal: AbortSignal): Promise<void> {
    const key = groupKey(stamp);
    let ensured = this.ensured.get(key);
    if (!ensured) {
      ensured = (async () => {
        try {
          if (await this.exists(stamp, signal)) return;
          const client = this.client(stamp.subscription);
          await armCall(this.deps.call, {
            what: `creating resource group ${stamp.resourceGroup}`,
            budget: this.deps.budgets(stamp).writes,
            signal,
            send: () => client.resourceGroups.createOrUpdate(stamp.resourceGroup!, { location: stamp.location, tags: { 'managed-by': 'staged-rollout' } }, { abortSignal: signal }),
          });
          this.known.set(key, true);
        } catch (error) {
          this.ensured.delete(key);
          throw fromSdkError(error, `creating resource group ${stamp.resourceGroup}`);
        }
      })();
      this.ensured.set(key, ensured);
    }
    return ensured;
  }

  private client(subscription: string): ResourceManagementClient {
    let client = this.clients.get(subscription);
    if (!client) this.clients.set(subscription, (client = this.deps.newClient(subscription)));
    return client;
  }
}

/** ARM's resource group names are case-insensitive. */
function groupKey(stamp: PlanStamp): string {
  return `${stamp.subscription}/${stamp.resourceGroup!.toLowerCase()}`;
}
