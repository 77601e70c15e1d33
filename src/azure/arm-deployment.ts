import { createDefaultHttpClient, createPipelineRequest, type HttpClient } from '@azure/core-rest-pipeline';
import type { DeploymentsClient, Deployment as ArmDeployment, DeploymentExtended } from '@azure/arm-resourcesdeployments';
import { DeploymentFailure } from '../engine/errors.js';
import type { Deployment, Outputs } from '../engine/ports.js';
import { DEPLOYMENT_TAGS, type PlanStamp } from '../plan/types.js';
import { armCall, type ArmCallContext } from './arm-call.js';
import { fromFailedDeployment, fromSdkError, isThrottled, retryAfterMs } from './arm-errors.js';
import { scopedDeployments, scopeKey } from './deployment-scope.js';
import type { Priority, RequestBudget } from './request-budget.js';

/**
 * One ARM deployment of a name, from PUT to a terminal state: adopts one already in flight, never PUTs the same name
 * and content twice, follows it through ARM's operation status resource at the pace ARM asks, cancels it on abort or
 * timeout and says so when the cancel fails.
 */
export interface DeploymentTarget {
  stamp: PlanStamp;
  name: string;
  body: ArmDeployment;
  /** Rollback requests jump the budget queues ahead of deployments and polls. */
  priority: 'rollback' | 'normal';
  /** Cancelled and failed after this long (the component's deployment timeout). */
  timeoutMs: number;
  /** When the stamp's previous deployment took this long, the first poll comes just after it. */
  expectedMs?: number;
  /** The target had an earlier attempt in this process, or ARM's state of it is unknown: read it before a PUT. */
  readFirst: boolean;
  /**
   * When the stamp's latest deployment of this spec finished (epoch ms, from the plan's listing): a Succeeded one of
   * this name that is older is history (something deployed over it since), never the operation this run is after.
   */
  latestOursAt?: number;
  /** Decides whether an existing Succeeded deployment of ours can be accepted (undefined: it can). */
  acceptSucceeded?: (existing: DeploymentExtended) => Promise<boolean>;
}

export interface FollowPacing {
  /** Poll interval floor and cap, whatever Retry-After says. */
  floorMs: number;
  capMs: number;
}

export interface ArmDeploymentDeps extends ArmCallContext {
  client: DeploymentsClient;
  reads: RequestBudget;
  writes: RequestBudget;
  pacing: FollowPacing;
  /** Names PUT (or maybe PUT) and not yet terminal, so an abort anywhere cancels them. */
  inFlight: Set<string>;
}

/** A deployment in any of these states is still in flight. */
export const ACTIVE_STATES: ReadonlySet<string> = new Set(['Accepted', 'Running', 'Creating', 'Updating', 'Deploying', 'Validating', 'Waiting']);
const ACTIVE = ACTIVE_STATES;
const TERMINAL = new Set(['Succeeded', 'Failed', 'Canceled']);
let httpClient: HttpClient | undefined;

export async function runDeployment(deps: ArmDeploymentDeps, target: DeploymentTarget, signal: AbortSignal): Promise<Deployment> {
  const { clock } = deps;
  const started = clock.now();
  const key = `${scopeKey(target.stamp)}/${target.name}`.toLowerCase();
  let status: StatusLink | undefined;
  try {
    const existing = target.readFirst ? await read(deps, target, signal) : undefined;
    const adopted = existing ? await adopt(deps, target, existing, signal) : undefined;
    if (adopted?.accept) return result(target.name, adopted.accept, clock.now() - started);
    if (!adopted?.follow) {
      deps.inFlight.add(key);
      status = await submit(deps, target, signal);
    }
    const done = await follow(deps, target, status, started, signal);
    deps.inFlight.delete(key);
    return result(target.name, done, clock.now() - started);
  } catch (error) {
    if (!deps.inFlight.has(key)) throw error;
    if (signal.aborted) {
      // Whatever was in flight (PUT, poll, budget wait): ARM is asked to stop too.
      await cancel(deps, target, `the run was stopped (${String((signal.reason as Error)?.message ?? signal.reason)})`);
      deps.inFlight.delete(key);
      throw error;
    }
    if (error instanceof DeploymentFailure && error.code === 'DeploymentTimedOut') deps.inFlight.delete(key);
    throw error;
  }
}

interface StatusLink {
  url?: string;
  retryAfterMs?: number;
}

function isOurs(target: DeploymentTarget, d: DeploymentExtended): boolean {
  const want = target.body.tags ?? {};
  const have = d.tags ?? {};
  // Without our tags nothing says whose it is or what it holds: never adopt on missing tags matching missing tags.
  if (!want[DEPLOYMENT_TAGS.rolloutId] || !want[DEPLOYMENT_TAGS.contentHash]) return false;
  if (d.properties?.provisioningState === 'Succeeded' && target.latestOursAt !== undefined && deploymentTime(d) < target.latestOursAt) return false;
  return have[DEPLOYMENT_TAGS.rolloutId] === want[DEPLOYMENT_TAGS.rolloutId] && have[DEPLOYMENT_TAGS.contentHash] === want[DEPLOYMENT_TAGS.contentHash] && (want['rollout-restored-from'] === undefined || have['rollout-restored-from'] === want['rollout-restored-from']);
}

/** What to do with a deployment of the name that already exists: accept it, follow it, or (undefined) PUT. */
async function adopt(deps: ArmDeploymentDeps, target: DeploymentTarget, existing: DeploymentExtended, signal: AbortSignal): Promise<{ accept?: DeploymentExtended; follow?: true } | undefined> {
  const state = existing.properties?.provisioningState ?? '';
  const who = existing.tags?.[DEPLOYMENT_TAGS.rolloutId] ?? 'no rollout tag';
  if (isOurs(target, existing)) {
    if (state === 'Succeeded' && (await (target.acceptSucceeded?.(existing) ?? Promise.resolve(true)))) {
      deps.log(`${target.name} already succeeded with this content (${who}); accepting it without a new PUT`);
      return { accept: existing };
    }
    if (ACTIVE.has(state)) {
      deps.log(`${target.name} is already ${state} with this content (${who}); following it instead of a new PUT`);
      deps.inFlight.add(`${scopeKey(target.stamp)}/${target.name}`.toLowerCase());
      return { follow: true };
    }
    return undefined;
  }
  if (ACTIVE.has(state)) {
    // Someone else's deployment of this very name: PUTting over it would fail with DeploymentActive anyway.
    deps.log(`${target.name} is ${state} for ${who} (correlation id ${existing.properties?.correlationId ?? 'unknown'}); waiting for it to finish before deploying`);
    const waited = await waitForOther(deps, target, signal);
    if (waited) throw waited;
  }
  return undefined;
}

async function waitForOther(deps: ArmDeploymentDeps, target: DeploymentTarget, signal: AbortSignal): Promise<DeploymentFailure | undefined> {
  const until = deps.clock.now() + target.timeoutMs;
  for (;;) {
    await deps.clock.sleep(deps.pacing.capMs, signal);
    const now = await read(deps, target, signal);
    if (!now || !ACTIVE.has(now.properties?.provisioningState ?? '')) return undefined;
    if (deps.clock.now() >= until) {
      return new DeploymentFailure({
        code: 'DeploymentActive',
        message: `deployment ${target.name} of ${now.tags?.[DEPLOYMENT_TAGS.rolloutId] ?? 'another client'} is still ${now.properties?.provisioningState} after ${Math.round(target.timeoutMs / 60_000)} min; not deploying over it`,
        correlationId: now.properties?.correlationId,
      });
    }
  }
}

/** The PUT. An answer lost after ARM may have acted on it (timeout, reset, 5xx, DeploymentActive) is settled by a read. */
async function submit(deps: ArmDeploymentDeps, target: DeploymentTarget, signal: AbortSignal): Promise<StatusLink | undefined> {
  const client = scopedDeployments(deps.client.deployments, target.stamp);
  let link: StatusLink | undefined;
  const onResponse = (raw: { status: number; headers?: { get(name: string): string | undefined } }): void => {
    if (raw.status >= 300) return;
    link = { url: raw.headers?.get('azure-asyncoperation') ?? undefined, retryAfterMs: retryAfterMs(raw.headers?.get('retry-after') ?? undefined) };
  };
  let adopted = false;
  await armCall(deps, {
    what: `starting deployment ${target.name}`,
    budget: deps.writes,
    priority: target.priority,
    signal,
    send: async () => {
      const options = { abortSignal: signal, onResponse } as never;
      const poller = client.createOrUpdate(target.name, target.body, options);
      await poller.submitted();
      return true;
    },
    recover: async (failure) => {
      if (isThrottled(failure)) return undefined;
      const existing = await read(deps, target, signal);
      if (!existing) return undefined;
      const state = existing.properties?.provisioningState ?? '';
      if (isOurs(target, existing) && (ACTIVE.has(state) || state === 'Succeeded')) {
        deps.log(failure.code === 'DeploymentActive' ? `${target.name} is already ${state} in ARM with this content (an earlier run's PUT); following it instead of a second PUT` : `the answer to PUT ${target.name} was lost (${failure.code}), but ARM has it (${state}); following it instead of a second PUT`);
        adopted = true;
        return true;
      }
      if (!isOurs(target, existing) && ACTIVE.has(state)) {
        const waited = await waitForOther(deps, target, signal);
        if (waited) throw waited;
      }
      return undefined;
    },
  });
  return adopted ? undefined : link;
}

/** Polls the operation status resource (or the deployment, without one) until terminal, then reads the deployment once. */
async function follow(deps: ArmDeploymentDeps, target: DeploymentTarget, link: StatusLink | undefined, started: number, signal: AbortSignal): Promise<DeploymentExtended> {
  const { clock, pacing } = deps;
  const deadline = started + target.timeoutMs;
  const clamp = (ms: number): number => Math.min(pacing.capMs, Math.max(pacing.floorMs, ms));
  let delay = target.expectedMs !== undefined ? Math.max(clamp(link?.retryAfterMs ?? pacing.floorMs), Math.round(target.expectedMs + Math.min(2_000, target.expectedMs * 0.02))) : clamp(link?.retryAfterMs ?? pacing.floorMs);
  let grow = link?.retryAfterMs === undefined;
  for (;;) {
    await clock.sleep(Math.max(0, Math.min(delay, deadline - clock.now())), signal);
    if (clock.now() >= deadline) {
      const canceled = await cancel(deps, target, 'it timed out').catch((error: DeploymentFailure) => error);
      throw new DeploymentFailure({
        code: 'DeploymentTimedOut',
        message: `deployment ${target.name} did not finish within ${formatMinutes(target.timeoutMs)} (deploymentTimeout); ${canceled === true ? 'it was canceled' : (canceled as DeploymentFailure).message}`,
        correlationId: canceled === true ? undefined : (canceled as DeploymentFailure).correlationId,
      });
    }
    if (link?.url) {
      const answer = await pollStatus(deps, target, link.url, signal);
      if (answer.status === undefined) link = undefined;
      else if (TERMINAL.has(answer.status)) return readFinal(deps, target, signal);
      else {
        grow = answer.retryAfterMs === undefined;
        delay = answer.retryAfterMs !== undefined ? clamp(answer.retryAfterMs) : clamp(delay * 1.5);
        continue;
      }
    }
    const current = await read(deps, target, signal, 'poll');
    if (current && TERMINAL.has(current.properties?.provisioningState ?? '')) return current;
    delay = grow ? clamp(delay * 1.5) : clamp(delay);
  }
}

/** One GET of the operation status resource; `status` undefined when ARM does not know it (then the deployment is read). */
async function pollStatus(deps: ArmDeploymentDeps, target: DeploymentTarget, url: string, signal: AbortSignal): Promise<{ status?: string; retryAfterMs?: number }> {
  return armCall(deps, {
    what: `reading the status of deployment ${target.name}`,
    budget: deps.reads,
    priority: target.priority === 'rollback' ? 'rollback' : 'poll',
    signal,
    send: async () => {
      const request = createPipelineRequest({ url, method: 'GET', abortSignal: signal });
      const response = await deps.client.pipeline.sendRequest((httpClient ??= createDefaultHttpClient()), request);
      if (response.status === 404) return {};
      if (response.status >= 400) throw { statusCode: response.status, response: { headers: response.headers, bodyAsText: response.bodyAsText }, message: `HTTP ${response.status}` };
      const body = JSON.parse(response.bodyAsText ?? '{}') as { status?: string };
      return { status: body.status ?? 'Running', retryAfterMs: retryAfterMs(response.headers.get('retry-after') ?? undefined) };
    },
  });
}

async function readFinal(deps: ArmDeploymentDeps, target: DeploymentTarget, signal: AbortSignal): Promise<DeploymentExtended> {
  const done = await read(deps, target, signal, target.priority === 'rollback' ? 'rollback' : 'normal');
  if (!done) throw new DeploymentFailure({ code: 'DeploymentNotFound', message: `deployment ${target.name} ended but can no longer be read`, transient: true });
  return done;
}

/** GET of the deployment; undefined when there is none of that name. */
export async function read(deps: ArmDeploymentDeps, target: DeploymentTarget, signal: AbortSignal, priority: Priority = target.priority): Promise<DeploymentExtended | undefined> {
  const client = scopedDeployments(deps.client.deployments, target.stamp);
  const { name } = target;
  return armCall(deps, {
    what: `reading deployment ${name}`,
    budget: deps.reads,
    priority,
    signal,
    send: async () => {
      try {
        return await client.get(name, { abortSignal: signal });
      } catch (error) {
        const e = error as { statusCode?: number; code?: string };
        if (e.statusCode === 404 && (e.code === 'DeploymentNotFound' || e.code === undefined || /DeploymentNotFound/.test(String((error as Error).message)))) return undefined;
        throw error;
      }
    },
  }) as Promise<DeploymentExtended | undefined>;
}

/**
 * Asks ARM to cancel, with a signal of its own (the run's is aborted) and a few quick retries. True when ARM says it
 * is canceled or no longer running; a failed cancel is thrown as CancelFailed: "may still be running: NAME".
 */
export async function cancel(deps: ArmDeploymentDeps, target: DeploymentTarget, why: string): Promise<boolean> {
  const client = scopedDeployments(deps.client.deployments, target.stamp);
  const { name } = target;
  const own = new AbortController();
  const quick = { ...deps, retryForMs: Math.min(deps.retryForMs, 30_000) };
  try {
    await armCall(quick, {
      what: `canceling deployment ${name}`,
      budget: deps.writes,
      priority: 'rollback',
      signal: own.signal,
      send: async () => {
        try {
          await client.cancel(name, { abortSignal: own.signal });
        } catch (error) {
          const code = (error as { code?: string }).code;
          // Already terminal, or never created: nothing is running.
          if (code === 'DeploymentCannotBeCancelled' || code === 'DeploymentNotFound') return;
          throw error;
        }
      },
    });
    deps.log(`canceled deployment ${name}: ${why}`);
    return true;
  } catch (error) {
    const failure = fromSdkError(error, `canceling deployment ${name}`);
    const correlation = failure.correlationId ? ` (correlation id ${failure.correlationId})` : '';
    deps.log(`may still be running: ${name}: the cancel failed: ${failure.code}: ${failure.message}${correlation}`);
    throw new DeploymentFailure({
      code: 'CancelFailed',
      message: `may still be running: ${name} (${why}; the cancel failed: ${failure.code}: ${failure.message})`,
      correlationId: failure.correlationId,
      target: name,
      cause: failure,
    });
  }
}

function result(name: string, done: DeploymentExtended, durationMs: number): Deployment {
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
    durationMs,
  };
}

function formatMinutes(ms: number): string {
  return ms % 3_600_000 === 0 ? `${ms / 3_600_000} h` : `${Math.round(ms / 60_000)} min`;
}

/** ARM's timestamp of a deployment (its last change: when it finished, once terminal), epoch ms; 0 when absent. */
export function deploymentTime(d: DeploymentExtended): number {
  const t = d.properties?.timestamp;
  return t instanceof Date ? t.getTime() : t ? Date.parse(String(t)) : 0;
}
