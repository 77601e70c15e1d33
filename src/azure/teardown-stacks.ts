import type { TokenCredential } from '@azure/core-auth';
import { DeploymentStacksClient } from '@azure/arm-resourcesdeploymentstacks';
import { DEPLOYMENT_TAGS, type PlanStamp } from '../plan/types.js';
import type { StackSettings } from '../spec/stack-schema.js';
import type { Clock } from '../time/clock.js';
import { fromSdkError } from './arm-errors.js';
import { withArmPolicies } from './pipeline.js';
import { stackName } from './stack-deployment.js';
import type { TeardownItem } from './teardown.js';

/**
 * Teardown of a stamp deployed as a deployment stack: the stack first (its deny assignments go with it), then its
 * resources. With actionOnUnmanage: delete ARM deletes them with the stack (unmanageAction.Resources=delete), in its
 * own dependency order; with detach they stay and are deleted one by one after it, as plain resources are.
 */
export interface TeardownStackDeps {
  credential: TokenCredential;
  endpoint?: string;
  clock: Clock;
  /** The rollout's correlation id, sent on every request as the deployer sends it. */
  correlationId?: string;
}

function client(deps: TeardownStackDeps, subscription: string): DeploymentStacksClient {
  const bare = new DeploymentStacksClient(deps.credential, subscription, { ...(deps.endpoint ? { endpoint: deps.endpoint } : {}), retryOptions: { maxRetries: 2 } });
  return withArmPolicies(bare, deps.credential, deps.correlationId);
}

/** The stamp's stack and what it manages; undefined when there is no stack of ours (then its deployments decide). */
export async function stackItems(deps: TeardownStackDeps, rolloutName: string, stamp: PlanStamp, settings: StackSettings, signal: AbortSignal): Promise<{ stack: TeardownItem; resources: TeardownItem[] } | undefined> {
  const name = stackName(rolloutName, stamp);
  const stacks = client(deps, stamp.subscription).deploymentStacks;
  let found;
  try {
    found = await deps.clock.track(stamp.scope === 'resourceGroup' ? stacks.getAtResourceGroup(stamp.resourceGroup!, name, { abortSignal: signal }) : stacks.getAtSubscription(name, { abortSignal: signal }));
  } catch (error) {
    const failure = fromSdkError(error, `reading deployment stack ${name}`);
    if (failure.code === 'DeploymentStackNotFound' || failure.code === 'ResourceGroupNotFound' || (error as { statusCode?: number }).statusCode === 404) return undefined;
    throw failure;
  }
  const id = found.id ?? `/subscriptions/${stamp.subscription}${stamp.scope === 'resourceGroup' ? `/resourceGroups/${stamp.resourceGroup}` : ''}/providers/Microsoft.Resources/deploymentStacks/${name}`;
  // Tags decide, as for deployments: a stack of this name that this spec's rollouts did not make is left alone.
  if (!(found.tags?.[DEPLOYMENT_TAGS.rolloutId] ?? '').startsWith(`${rolloutName}@`)) {
    return { stack: { kind: 'stack', id, stamp: stamp.id, kept: 'not made by this rollout (no rollout-id tag of this spec)' }, resources: [] };
  }
  // What the stack says now, not the spec: a stack changed out of band is torn down as it is.
  const unmanage = (String(found.properties?.actionOnUnmanage?.resources ?? settings.actionOnUnmanage).toLowerCase() === 'delete' ? 'delete' : 'detach') as 'delete' | 'detach';
  const managed = (found.properties?.resources ?? []).map((r) => r.id!).filter(Boolean);
  return {
    stack: { kind: 'stack', id, stamp: stamp.id, unmanage },
    // Reverse deployment order: dependents before what they depend on.
    resources: [...managed].reverse().map((r) => ({ kind: 'resource' as const, id: r, stamp: stamp.id, ...(unmanage === 'delete' ? { withStack: name } : {}) })),
  };
}

export async function deleteStack(deps: TeardownStackDeps, item: TeardownItem, signal: AbortSignal): Promise<void> {
  const parts = item.id.split('/');
  const subscription = parts[2];
  const name = parts.at(-1)!;
  const rg = parts[3]?.toLowerCase() === 'resourcegroups' ? parts[4] : undefined;
  const stacks = client(deps, subscription).deploymentStacks;
  const options = { abortSignal: signal, updateIntervalInMs: 1_000, unmanageActionResources: item.unmanage ?? 'detach', unmanageActionResourceGroups: item.unmanage ?? 'detach', unmanageActionManagementGroups: 'detach' as const };
  try {
    // Not tracked on the clock as a whole: the deletion waits on it (a virtual clock must move meanwhile).
    await (rg ? stacks.beginDeleteAtResourceGroupAndWait(rg, name, options) : stacks.beginDeleteAtSubscriptionAndWait(name, options));
  } catch (error) {
    const failure = fromSdkError(error, `deleting deployment stack ${item.id}`);
    if (failure.code === 'DeploymentStackNotFound' || failure.code === 'ResourceGroupNotFound') return;
    throw failure;
  }
}
