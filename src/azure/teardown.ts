import type { TokenCredential } from '@azure/core-auth';
import { ResourceManagementClient } from '@azure/arm-resources';
import { DeploymentsClient, type DeploymentExtended } from '@azure/arm-resourcesdeployments';
import type { Pipeline } from '@azure/core-rest-pipeline';
import { DEPLOYMENT_TAGS, type PlanStamp } from '../plan/types.js';
import type { LoadedSpec, ResolvedStamp } from '../spec/types.js';
import type { Clock } from '../time/clock.js';
import { fromSdkError } from './arm-errors.js';
import { deleteStack, stackItems, type TeardownStackDeps } from './teardown-stacks.js';
import { scopedDeployments } from './deployment-scope.js';
import { specCorrelationId, withArmPolicies } from './pipeline.js';

/**
 * What a rollout owns in Azure, found by its tags, and its removal. A resource is ours only when a deployment tagged
 * with this spec's rollout and the stamp created it (the deployment's outputResources); a resource group only when we
 * created it (tag managed-by: staged-rollout) and nothing but our resources is in it. Everything else stays.
 */
export interface TeardownItem {
  kind: 'resource' | 'resourceGroup' | 'stack';
  id: string;
  stamp: string;
  /** Why it stays, when it does. */
  kept?: string;
  /** A resource deleted with its deployment stack (listed, not deleted on its own): the stack's name. */
  withStack?: string;
  /** A stack: whether its resources go with it (actionOnUnmanage: delete) or are deleted one by one after it. */
  unmanage?: 'delete' | 'detach';
}

export interface TeardownPlan {
  /** In deletion order: dependents before what they depend on, resource groups last. */
  items: TeardownItem[];
}

export interface ArmTeardownOptions {
  credential: TokenCredential;
  endpoint?: string;
  clock: Clock;
  spec: LoadedSpec;
}

const MANAGED_BY = 'managed-by';

export class ArmTeardown {
  private readonly options: ArmTeardownOptions;
  private readonly apiVersions = new Map<string, string>();
  private readonly stamps: Map<string, ResolvedStamp>;
  private stackClients?: TeardownStackDeps;

  constructor(options: ArmTeardownOptions) {
    this.options = options;
    this.stamps = new Map(options.spec.stamps.map((s) => [s.id, s]));
    for (const stamp of options.spec.stamps) {
      for (const r of (stamp.template.content.resources ?? []) as Array<{ type?: unknown; apiVersion?: unknown }>) {
        if (typeof r.type === 'string' && typeof r.apiVersion === 'string') this.apiVersions.set(r.type.toLowerCase(), r.apiVersion);
      }
    }
  }

  /** The stamps given are in deployment order; the plan removes them in reverse. */
  async inventory(stamps: PlanStamp[], signal: AbortSignal): Promise<TeardownPlan> {
    const items: TeardownItem[] = [];
    const owned = new Set<string>();
    const groups = new Map<string, PlanStamp>();
    for (const stamp of [...stamps].reverse()) {
      const stack = this.stamps.get(stamp.id)?.stack;
      const found = stack ? await stackItems(this.stackDeps(), this.options.spec.name, stamp, stack, signal) : undefined;
      if (found) {
        items.push(found.stack);
        for (const r of found.resources) {
          owned.add(r.id.toLowerCase());
          items.push({ ...r, ...(r.withStack || this.apiVersion(r.id) ? {} : { kept: 'no api-version known for its type in the spec\'s templates' }) });
        }
        if (stamp.scope === 'resourceGroup') groups.set(`/subscriptions/${stamp.subscription}/resourceGroups/${stamp.resourceGroup}`.toLowerCase(), stamp);
        continue;
      }
      const created = await this.createdBy(stamp, signal);
      for (const id of created.reverse()) {
        if (owned.has(id.toLowerCase())) continue;
        owned.add(id.toLowerCase());
        items.push({ kind: 'resource', id, stamp: stamp.id, ...(this.apiVersion(id) ? {} : { kept: 'no api-version known for its type in the spec\'s templates' }) });
      }
      if (stamp.scope === 'resourceGroup') groups.set(`/subscriptions/${stamp.subscription}/resourceGroups/${stamp.resourceGroup}`.toLowerCase(), stamp);
    }
    for (const stamp of groups.values()) {
      const rm = this.rm(stamp.subscription);
      const id = `/subscriptions/${stamp.subscription}/resourceGroups/${stamp.resourceGroup}`;
      let group;
      try {
        group = await this.options.clock.track(rm.resourceGroups.get(stamp.resourceGroup!, { abortSignal: signal }));
      } catch (error) {
        if (fromSdkError(error, `reading ${id}`).code === 'ResourceGroupNotFound') continue;
        throw fromSdkError(error, `reading resource group ${stamp.resourceGroup}`);
      }
      if (group.tags?.[MANAGED_BY] !== 'staged-rollout') {
        items.push({ kind: 'resourceGroup', id, stamp: stamp.id, kept: 'not created by staged-rollout (no managed-by: staged-rollout tag)' });
        continue;
      }
      const others: string[] = [];
      for await (const r of rm.resources.listByResourceGroup(stamp.resourceGroup!, { abortSignal: signal })) {
        if (r.id && !owned.has(r.id.toLowerCase()) && ![...owned].some((o) => r.id!.toLowerCase().startsWith(`${o}/`))) others.push(r.id);
      }
      items.push({ kind: 'resourceGroup', id, stamp: stamp.id, ...(others.length > 0 ? { kept: `holds ${others.length} resource(s) this rollout did not create, e.g. ${others[0].split('/providers/')[1]}` } : {}) });
    }
    return { items };
  }

  /** Deletes the plan's items in order; what is kept is left alone. */
  async remove(plan: TeardownPlan, signal: AbortSignal, log: (line: string) => void = () => undefined): Promise<void> {
    for (const item of plan.items) {
      if (item.kept) continue;
      if (item.withStack) {
        log(`deleted resource ${item.id} with stack ${item.withStack}`);
        continue;
      }
      if (item.kind === 'stack') {
        await deleteStack(this.stackDeps(), item, signal);
        log(`deleted deployment stack ${item.id}${item.unmanage === 'delete' ? ' and its resources' : ' (its resources detached, deleted next)'}`);
        continue;
      }
      // Management-group and tenant resources have no subscription in their id; any client reaches them by id.
      const subscription = /^\/subscriptions\//i.test(item.id) ? item.id.split('/')[2] : this.options.spec.stamps[0]?.subscription ?? '00000000-0000-0000-0000-000000000000';
      const rm = this.rm(subscription);
      try {
        // Not tracked on the clock as a whole: the deletion may itself wait on it (a virtual clock must move meanwhile).
        if (item.kind === 'resource') {
          await rm.resources.beginDeleteByIdAndWait(item.id, this.apiVersion(item.id)!, { abortSignal: signal, updateIntervalInMs: 1_000 });
        } else {
          await rm.resourceGroups.beginDeleteAndWait(item.id.split('/')[4], { abortSignal: signal, updateIntervalInMs: 1_000 });
        }
        log(`deleted ${item.kind === 'resource' ? 'resource' : 'resource group'} ${item.id}`);
      } catch (error) {
        const failure = fromSdkError(error, `deleting ${item.id}`);
        if (failure.code === 'ResourceNotFound' || failure.code === 'ResourceGroupNotFound') continue;
        throw failure;
      }
    }
  }

  /** Resources the stamp's own tagged deployments created, oldest deployment first, in their deployment order. */
  private async createdBy(stamp: PlanStamp, signal: AbortSignal): Promise<string[]> {
    const client = this.withPolicies(new DeploymentsClient(this.options.credential, stamp.subscription, this.clientOptions())).deployments;
    const found: DeploymentExtended[] = [];
    try {
      const list = scopedDeployments(client, stamp).list({ abortSignal: signal });
      for await (const d of list) {
        const tags = d.tags ?? {};
        if (tags[DEPLOYMENT_TAGS.stamp] === stamp.id && (tags[DEPLOYMENT_TAGS.rolloutId] ?? '').startsWith(`${this.options.spec.name}@`)) found.push(d);
      }
    } catch (error) {
      const failure = fromSdkError(error, `listing deployments of ${stamp.id}`);
      if (failure.code === 'ResourceGroupNotFound') return [];
      throw failure;
    }
    found.sort((a, b) => time(a) - time(b));
    const ids: string[] = [];
    for (const d of found) for (const r of d.properties?.outputResources ?? []) if (r.id && !ids.some((i) => i.toLowerCase() === r.id!.toLowerCase())) ids.push(r.id);
    return ids;
  }

  private apiVersion(id: string): string | undefined {
    const providers = id.split('/providers/')[1]?.split('/') ?? [];
    const type = [providers[0], ...providers.slice(1).filter((_, i) => i % 2 === 0)].join('/');
    return this.apiVersions.get(type.toLowerCase());
  }

  private stackDeps(): TeardownStackDeps {
    return (this.stackClients ??= { credential: this.options.credential, endpoint: this.options.endpoint, clock: this.options.clock, correlationId: specCorrelationId(this.options.spec) });
  }

  private rm(subscription: string): ResourceManagementClient {
    return this.withPolicies(new ResourceManagementClient(this.options.credential, subscription, this.clientOptions()));
  }

  private withPolicies<T extends { pipeline: Pipeline }>(client: T): T {
    return withArmPolicies(client, this.options.credential, specCorrelationId(this.options.spec));
  }

  private clientOptions(): { endpoint?: string; retryOptions: { maxRetries: number } } {
    return { ...(this.options.endpoint ? { endpoint: this.options.endpoint } : {}), retryOptions: { maxRetries: 2 } };
  }
}

function time(d: DeploymentExtended): number {
  const t = d.properties?.timestamp;
  return t instanceof Date ? t.getTime() : t ? Date.parse(String(t)) : 0;
}
