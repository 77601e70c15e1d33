import type { TokenCredential } from '@azure/core-auth';
import { ResourceManagementClient } from '@azure/arm-resources';
import { DeploymentsClient, type Deployment as ArmDeployment, type DeploymentExtended } from '@azure/arm-resourcesdeployments';
import { DeploymentFailure } from '../engine/errors.js';
import type { ActiveDeployment, Deployer, Deployment, DeployRequest, Outputs, PreviousDeployment } from '../engine/ports.js';
import { fillOutputs, MissingOutput } from '../plan/output-values.js';
import { scopeWhere } from '../plan/names.js';
import { DEPLOYMENT_TAGS, type PlanStamp } from '../plan/types.js';
import type { LoadedSpec, ResolvedStamp } from '../spec/types.js';
import type { Clock } from '../time/clock.js';
import { armCall, type ArmCallContext } from './arm-call.js';
import { ACTIVE_STATES, runDeployment, read, type ArmDeploymentDeps, type DeploymentTarget } from './arm-deployment.js';
import { deploymentLocation, scopedDeployments, scopeKey } from './deployment-scope.js';
import { installArmPolicies, specCorrelationId } from './pipeline.js';
import type { Priority } from './request-budget.js';
import { ResourceGroups } from './resource-groups.js';
import { ArmTeardown } from './teardown.js';
import { deployStack, type StackDeploymentDeps } from './stack-deployment.js';
import { SubscriptionBudgets, type ArmBudgets, type BudgetRates } from './subscription-budgets.js';
import { validateDeployment, type ValidateDeps } from './validate.js';

export interface ArmDeployerOptions {
  credential: TokenCredential;
  /** ARM's base URL: public cloud by default; a sovereign cloud, Azure Stack, or the local endpoint. */
  endpoint?: string;
  clock: Clock;
  /** The loaded spec: it holds each stamp's template and real parameter values (secure ones included). */
  spec: LoadedSpec;
  /** Floor (`first`) and cap (`max`) of the poll interval, whatever ARM's Retry-After says. */
  pollMs?: { first: number; max: number };
  /** Requests per second per subscription, shared by its stamps; ARM allows 25 reads (burst 250) and 10 writes (burst 200). */
  budget?: BudgetRates;
  /** One ARM request's timeout (default 60 s); a request cut by it is retried like a reset connection. */
  requestTimeoutMs?: number;
  /** How long one request is retried while ARM fails it transiently (default 10 min; Retry-After honoured). */
  retryForMs?: number;
  /** Sent on every request as x-ms-correlation-request-id; default: derived from the rollout id (name@version). */
  correlationId?: string;
  /** Retries, token refreshes, adopted and canceled deployments: one line each. */
  log?: (line: string) => void;
}

/** What this process learned of a stamp: from the listing, and from its own attempts. */
interface StampHistory {
  durationMs?: number;
  /** When the stamp's latest Succeeded deployment of this spec finished, per the last listing. */
  latestOursAt?: number;
  /** The listing showed a deployment of the stamp's name still running (another run's, taken over): read before a PUT. */
  runningAtListing?: boolean;
  listed: boolean;
  attempts: number;
}

type ArmParameters = NonNullable<ArmDeployment['properties']['parameters']>;

/** A component's deployment timeout when the spec sets none. */
export const DEFAULT_DEPLOYMENT_TIMEOUT_MS = 2 * 3_600_000;

/**
 * The Deployer port on the real Azure SDK. It follows each deployment with its own polling on the engine's clock
 * (not the SDK's poller, which sleeps in real time and per stamp) so that the stamps of a subscription share its read budget.
 */
export class ArmDeployer implements Deployer {
  /** Sent on every ARM request of this rollout; ARM stamps it on every deployment as its correlationId. */
  readonly correlationId: string;
  private readonly options: ArmDeployerOptions;
  private readonly stamps: Map<string, ResolvedStamp>;
  private readonly clients = new Map<string, DeploymentsClient>();
  private readonly groups: ResourceGroups;
  private readonly validation: Omit<ValidateDeps, 'writes'>;
  /** Per stamp: how long its last successful deployment took, and whether this process already tried to deploy it. */
  private readonly history = new Map<string, StampHistory>();
  /** The latest deployment duration seen per component: the expected duration of its stamps without a history. */
  private readonly componentDurations = new Map<string, number>();
  private readonly inFlight = new Set<string>();
  /** The latest listing of each scope (subscription/resource group): what `activeDeployments` reuses. */
  private readonly listings = new Map<string, Promise<DeploymentExtended[] | undefined>>();
  private readonly budgets: SubscriptionBudgets;
  private readonly call: ArmCallContext;
  private readonly stackDeps = new Map<ArmBudgets, StackDeploymentDeps>();

  constructor(options: ArmDeployerOptions) {
    this.options = options;
    this.stamps = new Map(options.spec.stamps.map((s) => [s.id, s]));
    this.budgets = new SubscriptionBudgets(options.clock, options.budget);
    this.correlationId = options.correlationId ?? specCorrelationId(options.spec);
    this.call = { clock: options.clock, log: options.log ?? (() => undefined), retryForMs: options.retryForMs ?? 600_000 };
    this.validation = { call: this.call, correlationId: this.correlationId };
    this.groups = new ResourceGroups({
      call: this.call,
      budgets: (stamp) => this.budgets.for(stamp),
      newClient: (subscription) => {
        const client = new ResourceManagementClient(options.credential, subscription, clientOptions(options.endpoint));
        installArmPolicies(client.pipeline, this.pipelineOptions());
        return client;
      },
    });
  }

  async deploy(request: DeployRequest, signal: AbortSignal): Promise<Deployment> {
    const { stamp } = request;
    const seen = this.seen(stamp);
    seen.attempts++;
    if (stamp.scope === 'resourceGroup') await this.groups.ensure(stamp, signal);
    if (this.resolved(stamp).stack) return this.viaStack(stamp, this.body(request), 'normal', signal);
    // No validate here: the engine's preflight validated it before the rollout's first write, and ARM preflights a PUT.
    const deployment = await runDeployment(this.deps(stamp), this.target(stamp, stamp.deploymentName, this.body(request), 'normal', !seen.listed || seen.attempts > 1 || seen.runningAtListing === true), signal);
    // Only a deployment followed from its PUT tells how long one takes (an adopted one started earlier).
    if (deployment.durationMs > 0) this.componentDurations.set(stamp.component, deployment.durationMs);
    return deployment;
  }

  /** ARM's validate of the deployment `deploy` would make; a stamp whose resource group does not exist yet waits. */
  async preflight(request: DeployRequest, signal: AbortSignal): Promise<'validated' | 'prerequisites-missing'> {
    const { stamp } = request;
    if (stamp.scope === 'resourceGroup' && !this.groups.ensuring(stamp) && !(await this.groups.exists(stamp, signal))) return 'prerequisites-missing';
    const client = scopedDeployments(this.client(stamp.subscription).deployments, stamp);
    await validateDeployment({ ...this.validation, writes: this.budgets.for(stamp).writes }, client, stamp.deploymentName, this.body(request), signal);
    return 'validated';
  }

  private body(request: DeployRequest): ArmDeployment {
    const { stamp } = request;
    const resolved = this.resolved(stamp);
    return {
      location: deploymentLocation(stamp),
      tags: request.tags,
      properties: { mode: 'Incremental', template: resolved.template.content, parameters: armParameters(resolved, request.inputs, stamp.outputsFrom) },
    };
  }

  async lastSuccessful(stamp: PlanStamp, options: { excludeRolloutId?: string }, signal: AbortSignal, priority: Priority = 'normal'): Promise<PreviousDeployment | undefined> {
    const all = await this.list(stamp, signal, priority);
    const found = all?.filter((d) => d.properties?.provisioningState === 'Succeeded');
    if (all && !options.excludeRolloutId) this.seen(stamp).runningAtListing = all.some((d) => d.name?.toLowerCase() === stamp.deploymentName.toLowerCase() && ACTIVE_STATES.has(d.properties?.provisioningState ?? ''));
    if (stamp.scope === 'resourceGroup') this.groups.listed(stamp, found !== undefined);
    if (found === undefined) {
      // No resource group, so no deployment of any name in it either: nothing to read before the PUT.
      this.seen(stamp).listed = true;
      return undefined;
    }
    const filtered = found.filter((d) => {
      const tags = d.tags ?? {};
      if (tags[DEPLOYMENT_TAGS.stamp] !== stamp.id || !ownRollout(tags[DEPLOYMENT_TAGS.rolloutId], this.options.spec.name)) return false;
      return !(options.excludeRolloutId && tags[DEPLOYMENT_TAGS.rolloutId] === options.excludeRolloutId);
    });
    const latest = filtered.sort((a, b) => time(b) - time(a))[0];
    const seen = this.seen(stamp);
    seen.listed = true;
    if (!latest) return undefined;
    if (!options.excludeRolloutId && time(latest) > 0) seen.latestOursAt = Math.max(seen.latestOursAt ?? 0, time(latest));
    seen.durationMs ??= isoDurationMs(latest.properties?.duration);
    const tags = latest.tags ?? {};
    return {
      deploymentName: latest.name!,
      deploymentId: latest.id,
      version: tags[DEPLOYMENT_TAGS.version],
      rolloutId: tags[DEPLOYMENT_TAGS.rolloutId],
      contentHash: tags[DEPLOYMENT_TAGS.contentHash],
      outputs: latest.properties?.outputs as Outputs | undefined,
      ...(time(latest) > 0 ? { finishedAt: time(latest) } : {}),
    };
  }

  /**
   * Running deployments of these stamps, from the listing the plan made of each scope (one list per resource group,
   * not per stamp; a scope not listed yet is listed once): whose they are is the engine's question (other-runs.ts).
   */
  async activeDeployments(stamps: PlanStamp[], signal: AbortSignal): Promise<ActiveDeployment[]> {
    const ids = new Set(stamps.map((s) => s.id));
    const scopes = new Map<string, PlanStamp>();
    for (const stamp of stamps) if (!scopes.has(listingKey(stamp))) scopes.set(listingKey(stamp), stamp);
    const found: ActiveDeployment[] = [];
    for (const [key, stamp] of scopes) {
      const listed = await (this.listings.get(key) ?? this.list(stamp, signal, 'normal'));
      for (const d of listed ?? []) {
        const tags = d.tags ?? {};
        const state = d.properties?.provisioningState ?? '';
        if (!ACTIVE_STATES.has(state) || !ids.has(tags[DEPLOYMENT_TAGS.stamp] ?? '') || !ownRollout(tags[DEPLOYMENT_TAGS.rolloutId], this.options.spec.name)) continue;
        found.push({
          deploymentName: d.name!,
          where: scopeWhere(stamp),
          state,
          stamp: tags[DEPLOYMENT_TAGS.stamp],
          rolloutId: tags[DEPLOYMENT_TAGS.rolloutId],
          version: tags[DEPLOYMENT_TAGS.version],
          runId: tags[DEPLOYMENT_TAGS.runId],
          ...(time(d) > 0 ? { startedAt: time(d) } : {}),
          ...(tags['rollout-restored-from'] ? { restoredFrom: tags['rollout-restored-from'] } : {}),
        });
      }
    }
    return found;
  }

  /**
   * Every deployment of the stamp's scope, whatever its state (undefined: its resource group does not exist); each
   * page one read. Unfiltered, so the same listing says what last succeeded and what is still running.
   */
  private list(stamp: PlanStamp, signal: AbortSignal, priority: Priority): Promise<DeploymentExtended[] | undefined> {
    const listing = this.listNow(stamp, signal, priority);
    this.listings.set(listingKey(stamp), listing);
    listing.catch(() => this.listings.delete(listingKey(stamp)));
    return listing;
  }

  private async listNow(stamp: PlanStamp, signal: AbortSignal, priority: Priority): Promise<DeploymentExtended[] | undefined> {
    const client = scopedDeployments(this.client(stamp.subscription).deployments, stamp);
    const list = (): AsyncIterableIterator<DeploymentExtended[]> => client.list({ abortSignal: signal }).byPage();
    try {
      // A failed page restarts the listing: the SDK's page iterator does not survive an error.
      return await armCall(this.call, {
        what: `listing deployments of ${stamp.id}`,
        budget: this.budgets.for(stamp).reads,
        priority,
        signal,
        send: async () => {
          const found: DeploymentExtended[] = [];
          const pages = list();
          for (let pageNumber = 0; pageNumber < 100; pageNumber++) {
            const next = await pages.next();
            if (next.done) break;
            found.push(...next.value);
            if (!(next.value as { continuationToken?: string }).continuationToken) break;
            // The next page is one more read. Its budget wait is a wait on the clock, not I/O in flight: a virtual
            // clock does not move while tracked I/O is pending, so a wait for a token inside it would never end.
            await this.options.clock.release(this.budgets.for(stamp).reads.take(signal, priority));
          }
          return found;
        },
      });
    } catch (error) {
      if ((error as DeploymentFailure).code === 'ResourceGroupNotFound') return undefined;
      throw error;
    }
  }

  async rollback(stamp: PlanStamp, previous: PreviousDeployment, signal: AbortSignal, runTags: Record<string, string> = {}): Promise<Deployment> {
    const client = scopedDeployments(this.client(stamp.subscription).deployments, stamp);
    const readOld = <T>(what: string, send: () => Promise<T>): Promise<T> => armCall(this.call, { what, budget: this.budgets.for(stamp).reads, priority: 'rollback', signal, send });
    const name = previous.deploymentName;
    const [exported, old] = await Promise.all([
      readOld(`exporting the template of ${name}`, () => client.exportTemplate(name, { abortSignal: signal })),
      readOld(`reading ${name}`, () => client.get(name, { abortSignal: signal })),
    ]);
    // ARM never returns secure parameter values: they are taken again from the spec's sources, never from history.
    const parameters: Record<string, { value?: unknown; reference?: never }> = {};
    for (const [key, p] of Object.entries((old.properties?.parameters ?? {}) as Record<string, { value?: unknown; reference?: unknown; type?: string }>)) {
      if (p.reference !== undefined) parameters[key] = { reference: p.reference as never };
      else if (p.value !== undefined && !String(p.type ?? '').toLowerCase().startsWith('secure')) parameters[key] = { value: p.value };
    }
    for (const [key, p] of Object.entries(this.resolved(stamp).parameters)) {
      if (p.secure && p.value !== undefined) parameters[key] = { value: p.value };
    }
    const body: ArmDeployment = {
      location: deploymentLocation(stamp),
      tags: { ...(old.tags ?? {}), ...runTags, 'rollout-restored-from': name },
      properties: { mode: 'Incremental', template: exported.template, parameters: parameters as ArmParameters },
    };
    // A stack is rolled back by updating it with the previous version's template and parameters.
    if (this.resolved(stamp).stack) return this.viaStack(stamp, body, 'rollback', signal);
    // A fixed name per restored deployment: a second rollback to the same good state redeploys the same record.
    const target = this.target(stamp, `${name.slice(0, 61)}-rb`, body, 'rollback', true);
    // A restore that already succeeded counts only if it came after the deployment it undoes (else that one is live).
    target.acceptSucceeded = async (existing) => {
      const current = await read(this.deps(stamp), { ...target, name: stamp.deploymentName }, signal, 'rollback');
      return !current || time(existing) >= time(current);
    };
    return runDeployment(this.deps(stamp), target, signal);
  }

  /**
   * `rollback.deleteNew`: a stamp's first deployment failed, so what its tagged deployments created is removed, the
   * same way `teardown` removes it (src/azure/teardown.ts): by our tags only, its resource group only when ours and
   * empty of anything else.
   */
  async remove(stamp: PlanStamp, signal: AbortSignal): Promise<void> {
    const teardown = new ArmTeardown({ credential: this.options.credential, endpoint: this.options.endpoint, clock: this.options.clock, spec: this.options.spec });
    await teardown.remove(await teardown.inventory([stamp], signal), signal);
  }

  /** `stack:` components: the same body, deployed as the stamp's deployment stack (src/azure/stack-deployment.ts). */
  private viaStack(stamp: PlanStamp, body: ArmDeployment, priority: 'rollback' | 'normal', signal: AbortSignal): Promise<Deployment> {
    const resolved = this.resolved(stamp);
    const { first, max } = this.options.pollMs ?? { first: 2_000, max: 10_000 };
    const budgets = this.budgets.for(stamp);
    // One deps object per budget: the stacks clients are made once per deps object (stacksClient).
    let deps = this.stackDeps.get(budgets);
    if (!deps) this.stackDeps.set(budgets, (deps = { ...this.call, credential: this.options.credential, endpoint: this.options.endpoint, ...budgets, pacing: { floorMs: first, capMs: max }, pipeline: this.pipelineOptions() }));
    return deployStack(deps, this.options.spec.name, { stamp, stack: resolved.stack!, body, priority, timeoutMs: resolved.deploymentTimeoutMs ?? DEFAULT_DEPLOYMENT_TIMEOUT_MS }, signal);
  }

  private target(stamp: PlanStamp, name: string, body: ArmDeployment, priority: 'rollback' | 'normal', readFirst: boolean): DeploymentTarget {
    const seen = this.seen(stamp);
    return { stamp, name, body, priority, readFirst, timeoutMs: this.resolved(stamp).deploymentTimeoutMs ?? DEFAULT_DEPLOYMENT_TIMEOUT_MS, expectedMs: seen.durationMs ?? this.componentDurations.get(stamp.component), latestOursAt: seen.latestOursAt };
  }

  private deps(stamp: PlanStamp): ArmDeploymentDeps {
    const { first, max } = this.options.pollMs ?? { first: 2_000, max: 10_000 };
    return { ...this.call, client: this.client(stamp.subscription), ...this.budgets.for(stamp), pacing: { floorMs: first, capMs: max }, inFlight: this.inFlight };
  }

  private seen(stamp: PlanStamp): StampHistory {
    let seen = this.history.get(stamp.id);
    if (!seen) this.history.set(stamp.id, (seen = { listed: false, attempts: 0 }));
    return seen;
  }

  private resolved(stamp: PlanStamp): ResolvedStamp {
    const resolved = this.stamps.get(stamp.id);
    if (!resolved) throw new Error(`stamp ${stamp.id} is not in the loaded spec: the plan and the spec disagree`);
    return resolved;
  }

  private client(subscription: string): DeploymentsClient {
    let client = this.clients.get(subscription);
    if (!client) {
      client = new DeploymentsClient(this.options.credential, subscription, clientOptions(this.options.endpoint));
      installArmPolicies(client.pipeline, this.pipelineOptions());
      this.clients.set(subscription, client);
    }
    return client;
  }

  private pipelineOptions(): Parameters<typeof installArmPolicies>[1] {
    return { credential: this.options.credential, correlationId: this.correlationId, requestTimeoutMs: this.options.requestTimeoutMs ?? 60_000, onTokenRefresh: this.call.log };
  }
}

/** ISO 8601 duration (PT1M30.5S) in milliseconds. */
function isoDurationMs(value: string | undefined): number | undefined {
  const m = value ? /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:([\d.]+)S)?)?$/.exec(value) : null;
  if (!m) return undefined;
  return Math.round(((Number(m[1] ?? 0) * 24 + Number(m[2] ?? 0)) * 60 + Number(m[3] ?? 0)) * 60_000 + Number(m[4] ?? 0) * 1000);
}

/**
 * The SDK's own retries are off: they sleep in real time inside one call, invisible to the log and to a virtual clock.
 * Every retry is ours instead, on the engine's clock, with ARM's Retry-After as a floor and a line in the log.
 */
function clientOptions(endpoint: string | undefined): { endpoint?: string; retryOptions: { maxRetries: number } } {
  return { ...(endpoint ? { endpoint } : {}), retryOptions: { maxRetries: 0 } };
}

/** The ARM `parameters` body: values and Key Vault references as the spec resolved them. */
export function armParameters(stamp: ResolvedStamp, inputs?: Record<string, Outputs>, from?: string[]): ArmParameters {
  const value = (v: unknown): unknown => {
    if (!from?.length) return v;
    try {
      return fillOutputs(v, from, inputs ?? {});
    } catch (error) {
      if (error instanceof MissingOutput) throw new DeploymentFailure({ code: 'OutputMissing', message: error.message });
      throw error;
    }
  };
  return Object.fromEntries(Object.entries(stamp.parameters).map(([k, p]) => [k, p.reference !== undefined ? { reference: p.reference } : { value: value(p.value) }])) as ArmParameters;
}

/** ARM keeps one deployment list per scope (resource group, subscription, management group, tenant), its ids in any case. */
function listingKey(stamp: PlanStamp): string {
  return scopeKey(stamp).toLowerCase();
}

function ownRollout(rolloutId: string | undefined, name: string): boolean {
  return rolloutId !== undefined && rolloutId.startsWith(`${name}@`);
}

function time(d: DeploymentExtended): number {
  const t = d.properties?.timestamp;
  return t instanceof Date ? t.getTime() : t ? Date.parse(String(t)) : 0;
}
