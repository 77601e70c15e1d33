import type { TokenCredential } from '@azure/core-auth';
import { ResourceManagementClient } from '@azure/arm-resources';
import { DeploymentsClient, type Deployment as ArmDeployment, type DeploymentExtended } from '@azure/arm-resourcesdeployments';
import { DeploymentFailure } from '../engine/errors.js';
import { DEFAULT_RETRY, withRetry } from '../engine/retry.js';
import type { Deployer, Deployment, DeployRequest, Outputs, PreviousDeployment } from '../engine/ports.js';
import { fillOutputs, MissingOutput } from '../plan/output-values.js';
import { DEPLOYMENT_TAGS, type PlanStamp } from '../plan/types.js';
import type { LoadedSpec, ResolvedStamp } from '../spec/types.js';
import type { Clock } from '../time/clock.js';
import { fromFailedDeployment, fromSdkError } from './arm-errors.js';
import { RequestBudget } from './request-budget.js';
import { ArmTeardown } from './teardown.js';

export interface ArmDeployerOptions {
  credential: TokenCredential;
  /** ARM's base URL: public cloud by default; a sovereign cloud, Azure Stack, or the local endpoint. */
  endpoint?: string;
  clock: Clock;
  /** The loaded spec: it holds each stamp's template and real parameter values (secure ones included). */
  spec: LoadedSpec;
  /** First poll delay and the cap it grows to. */
  pollMs?: { first: number; max: number };
  /** Requests per second shared by all stamps of this process; below ARM's 25 reads and 10 writes. */
  budget?: { reads: number; writes: number };
}

type ArmParameters = NonNullable<ArmDeployment['properties']['parameters']>;

const TERMINAL = new Set(['Succeeded', 'Failed', 'Canceled']);

/**
 * The Deployer port on the real Azure SDK. It follows each deployment with its own polling on the engine's clock
 * (not the SDK's poller, which sleeps in real time and per stamp) so that all stamps share one read budget.
 */
export class ArmDeployer implements Deployer {
  private readonly options: ArmDeployerOptions;
  private readonly stamps: Map<string, ResolvedStamp>;
  private readonly deploymentsClients = new Map<string, DeploymentsClient['deployments']>();
  private readonly groupsClients = new Map<string, ResourceManagementClient>();
  private readonly ensuredGroups = new Map<string, Promise<void>>();
  private readonly reads: RequestBudget;
  private readonly writes: RequestBudget;

  constructor(options: ArmDeployerOptions) {
    this.options = options;
    this.stamps = new Map(options.spec.stamps.map((s) => [s.id, s]));
    this.reads = new RequestBudget(options.clock, options.budget?.reads ?? 12, 24);
    this.writes = new RequestBudget(options.clock, options.budget?.writes ?? 5, 20);
  }

  async deploy(request: DeployRequest, signal: AbortSignal): Promise<Deployment> {
    const { stamp } = request;
    const resolved = this.resolved(stamp);
    const body: ArmDeployment = {
      location: stamp.scope === 'subscription' ? stamp.location : undefined,
      tags: request.tags,
      properties: { mode: 'Incremental', template: resolved.template.content, parameters: armParameters(resolved, request.inputs, stamp.outputsFrom) },
    };
    if (stamp.scope === 'resourceGroup') await this.ensureResourceGroup(stamp, signal);
    await this.validate(stamp, stamp.deploymentName, body, signal);
    return this.put(stamp, stamp.deploymentName, body, signal);
  }

  async lastSuccessful(stamp: PlanStamp, options: { excludeRolloutId?: string }, signal: AbortSignal): Promise<PreviousDeployment | undefined> {
    const found: DeploymentExtended[] = [];
    try {
      await this.retryReads(`listing deployments of ${stamp.id}`, signal, async () => {
        found.length = 0;
        for await (const page of this.succeededPages(stamp, signal)) {
          for (const d of page) {
            const tags = d.tags ?? {};
            if (tags[DEPLOYMENT_TAGS.stamp] !== stamp.id || !ownRollout(tags[DEPLOYMENT_TAGS.rolloutId], this.options.spec.name)) continue;
            if (options.excludeRolloutId && tags[DEPLOYMENT_TAGS.rolloutId] === options.excludeRolloutId) continue;
            found.push(d);
          }
        }
      });
    } catch (error) {
      if ((error as DeploymentFailure).code === 'ResourceGroupNotFound') return undefined;
      throw error;
    }
    const latest = found.sort((a, b) => time(b) - time(a))[0];
    if (!latest) return undefined;
    const tags = latest.tags ?? {};
    return {
      deploymentName: latest.name!,
      deploymentId: latest.id,
      version: tags[DEPLOYMENT_TAGS.version],
      rolloutId: tags[DEPLOYMENT_TAGS.rolloutId],
      contentHash: tags[DEPLOYMENT_TAGS.contentHash],
      outputs: latest.properties?.outputs as Outputs | undefined,
    };
  }

  /** Succeeded deployments of the stamp's scope, page by page; every page is a read taken from the shared budget. */
  private async *succeededPages(stamp: PlanStamp, signal: AbortSignal): AsyncGenerator<DeploymentExtended[]> {
    const client = this.deployments(stamp.subscription);
    const filter = "provisioningState eq 'Succeeded'";
    const list = stamp.scope === 'resourceGroup' ? client.listByResourceGroup(stamp.resourceGroup!, { filter, abortSignal: signal }) : client.listAtSubscriptionScope({ filter, abortSignal: signal });
    const pages = list.byPage();
    for (let pageNumber = 0; pageNumber < 100; pageNumber++) {
      await this.reads.take(signal);
      const next = await this.options.clock.track(pages.next());
      if (next.done) return;
      yield next.value;
    }
  }

  /**
   * Reads that ARM throttles or drops are retried with the engine's policy on its clock (jittered backoff, Retry-After
   * as a floor, bounded); anything else fails at once with ARM's own code and message.
   */
  private retryReads(what: string, signal: AbortSignal, read: () => Promise<void>): Promise<void> {
    const attempt = (): Promise<void> =>
      read().catch((error) => {
        throw fromSdkError(error, what);
      });
    return withRetry(attempt, { clock: this.options.clock, policy: { ...DEFAULT_RETRY, attempts: 6, baseMs: 1_000 }, signal });
  }


  async rollback(stamp: PlanStamp, previous: PreviousDeployment, signal: AbortSignal): Promise<Deployment> {
    const client = this.deployments(stamp.subscription);
    const rg = stamp.resourceGroup!;
    const read = async <T>(what: string, call: () => Promise<T>): Promise<T> => {
      await this.reads.take(signal);
      return this.options.clock.track(call()).catch((error) => {
        throw fromSdkError(error, what);
      });
    };
    const name = previous.deploymentName;
    const [exported, old] = await Promise.all([
      read(`exporting the template of ${name}`, () => (stamp.scope === 'resourceGroup' ? client.exportTemplate(rg, name, { abortSignal: signal }) : client.exportTemplateAtSubscriptionScope(name, { abortSignal: signal }))),
      read(`reading ${name}`, () => (stamp.scope === 'resourceGroup' ? client.get(rg, name, { abortSignal: signal }) : client.getAtSubscriptionScope(name, { abortSignal: signal }))),
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
      location: stamp.scope === 'subscription' ? stamp.location : undefined,
      tags: { ...(old.tags ?? {}), 'rollout-restored-from': name },
      properties: { mode: 'Incremental', template: exported.template, parameters: parameters as ArmParameters },
    };
    // A fixed name per restored deployment: a second rollback to the same good state redeploys the same record.
    return this.put(stamp, `${name.slice(0, 61)}-rb`, body, signal);
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

  private async put(stamp: PlanStamp, name: string, body: ArmDeployment, signal: AbortSignal): Promise<Deployment> {
    const client = this.deployments(stamp.subscription);
    const started = this.options.clock.now();
    await this.writes.take(signal);
    const poller =
      stamp.scope === 'resourceGroup' ? client.createOrUpdate(stamp.resourceGroup!, name, body, { abortSignal: signal }) : client.createOrUpdateAtSubscriptionScope(name, body, { abortSignal: signal });
    try {
      await this.options.clock.track(poller.submitted());
    } catch (error) {
      throw fromSdkError(error, `starting deployment ${name}`);
    }
    const done = await this.follow(stamp, name, signal);
    const properties = done.properties ?? {};
    if (properties.provisioningState !== 'Succeeded') {
      if (properties.provisioningState === 'Canceled') {
        throw new DeploymentFailure({ code: 'DeploymentCanceled', message: `deployment ${name} was canceled`, correlationId: properties.correlationId });
      }
      throw fromFailedDeployment(name, properties.error as never, properties.correlationId);
    }
    return {
      deploymentId: done.id!,
      deploymentName: name,
      outputs: (properties.outputs ?? {}) as Outputs,
      correlationId: properties.correlationId,
      durationMs: this.options.clock.now() - started,
    };
  }

  /** Polls until a terminal state: delays grow from `first` to `max`; every GET waits for the shared read budget. */
  private async follow(stamp: PlanStamp, name: string, signal: AbortSignal): Promise<DeploymentExtended> {
    const client = this.deployments(stamp.subscription);
    const { first, max } = this.options.pollMs ?? { first: 5_000, max: 30_000 };
    let delay = first;
    for (let polls = 0; ; polls++) {
      try {
        await this.options.clock.sleep(delay, signal);
      } catch (error) {
        await this.cancel(stamp, name);
        throw error;
      }
      await this.reads.take(signal);
      let current: DeploymentExtended;
      try {
        current = await this.options.clock.track(
          stamp.scope === 'resourceGroup' ? client.get(stamp.resourceGroup!, name, { abortSignal: signal }) : client.getAtSubscriptionScope(name, { abortSignal: signal }),
        );
      } catch (error) {
        const failure = fromSdkError(error, `reading deployment ${name}`);
        // A poll that failed transiently is just a missed poll; the deployment itself goes on in ARM.
        if (!failure.transient || polls > 200) throw failure;
        delay = Math.max(delay, failure.retryAfterMs ?? 0);
        continue;
      }
      if (TERMINAL.has(current.properties?.provisioningState ?? '')) return current;
      delay = Math.min(max, Math.round(delay * 1.5));
    }
  }

  /** Best effort: a run being stopped asks ARM to stop too, so the next run does not meet DeploymentActive. */
  private async cancel(stamp: PlanStamp, name: string): Promise<void> {
    const client = this.deployments(stamp.subscription);
    await (stamp.scope === 'resourceGroup' ? client.cancel(stamp.resourceGroup!, name) : client.cancelAtSubscriptionScope(name)).catch(() => undefined);
  }

  private async validate(stamp: PlanStamp, name: string, body: ArmDeployment, signal: AbortSignal): Promise<void> {
    const client = this.deployments(stamp.subscription);
    // The SDK's poller turns validate's synchronous 400 into a bare "long-running operation has failed": keep the raw
    // answer so the failure says ARM's code, message and correlation id.
    let raw: { status: number; parsedBody?: unknown; headers?: { get(name: string): string | undefined } } | undefined;
    const options = { abortSignal: signal, updateIntervalInMs: 1_000, onResponse: (r: typeof raw) => (raw = r) };
    await this.writes.take(signal);
    try {
      const result = await this.options.clock.track(
        stamp.scope === 'resourceGroup' ? client.validate(stamp.resourceGroup!, name, body, options as never) : client.validateAtSubscriptionScope(name, body, options as never),
      );
      const error = (result as { error?: unknown }).error;
      if (error) throw fromFailedDeployment(name, error as never, (result as { properties?: { correlationId?: string } }).properties?.correlationId);
    } catch (error) {
      if (raw && raw.status >= 400) {
        const armError = (raw.parsedBody as { error?: never } | undefined)?.error;
        const failure = fromFailedDeployment(name, armError, raw.headers?.get('x-ms-correlation-request-id'));
        throw new DeploymentFailure({ code: failure.code, message: `validation of ${failure.message.replace(/^deployment /, '')}`, target: failure.target, correlationId: failure.correlationId, details: failure.details, transient: raw.status === 429 || raw.status >= 500 });
      }
      throw fromSdkError(error, `validating deployment ${name}`);
    }
  }

  private ensureResourceGroup(stamp: PlanStamp, signal: AbortSignal): Promise<void> {
    const key = `${stamp.subscription}/${stamp.resourceGroup!.toLowerCase()}`;
    let ensured = this.ensuredGroups.get(key);
    if (!ensured) {
      const client = this.groups(stamp.subscription);
      ensured = (async () => {
        try {
          await this.reads.take(signal);
          const exists = await this.options.clock.track(client.resourceGroups.checkExistence(stamp.resourceGroup!, { abortSignal: signal }));
          if (!exists.body) {
            await this.writes.take(signal);
            await this.options.clock.track(
              client.resourceGroups.createOrUpdate(stamp.resourceGroup!, { location: stamp.location, tags: { 'managed-by': 'staged-rollout' } }, { abortSignal: signal }),
            );
          }
        } catch (error) {
          this.ensuredGroups.delete(key);
          throw fromSdkError(error, `creating resource group ${stamp.resourceGroup}`);
        }
      })();
      this.ensuredGroups.set(key, ensured);
    }
    return ensured;
  }

  private resolved(stamp: PlanStamp): ResolvedStamp {
    const resolved = this.stamps.get(stamp.id);
    if (!resolved) throw new Error(`stamp ${stamp.id} is not in the loaded spec: the plan and the spec disagree`);
    return resolved;
  }

  private deployments(subscription: string): DeploymentsClient['deployments'] {
    let client = this.deploymentsClients.get(subscription);
    if (!client) {
      client = new DeploymentsClient(this.options.credential, subscription, clientOptions(this.options.endpoint)).deployments;
      this.deploymentsClients.set(subscription, client);
    }
    return client;
  }

  private groups(subscription: string): ResourceManagementClient {
    let client = this.groupsClients.get(subscription);
    if (!client) {
      client = new ResourceManagementClient(this.options.credential, subscription, clientOptions(this.options.endpoint));
      this.groupsClients.set(subscription, client);
    }
    return client;
  }
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

function ownRollout(rolloutId: string | undefined, name: string): boolean {
  return rolloutId !== undefined && rolloutId.startsWith(`${name}@`);
}

function time(d: DeploymentExtended): number {
  const t = d.properties?.timestamp;
  return t instanceof Date ? t.getTime() : t ? Date.parse(String(t)) : 0;
}
