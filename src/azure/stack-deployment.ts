import type { TokenCredential } from '@azure/core-auth';
import type { Deployment as ArmDeployment } from '@azure/arm-resourcesdeployments';
import { DeploymentStacksClient, type DeploymentStack } from '@azure/arm-resourcesdeploymentstacks';
import { DeploymentFailure } from '../engine/errors.js';
import type { Deployment, Outputs } from '../engine/ports.js';
import { DEPLOYMENT_TAGS, type PlanStamp } from '../plan/types.js';
import type { StackSettings } from '../spec/stack-schema.js';
import { armCall, type ArmCallContext } from './arm-call.js';
import { fromFailedDeployment, isThrottled } from './arm-errors.js';
import { installArmPolicies } from './pipeline.js';
import type { Priority, RequestBudget } from './request-budget.js';

/**
 * A stamp deployed as an Azure deployment stack (Microsoft.Resources/deploymentStacks, api-version 2024-03-01): one
 * stack per stamp, updated with each version. Like a deployment it adopts an update already in flight with our
 * content, waits for someone else's, follows the update on the engine's clock (not the SDK's poller) and fails with
 * ARM's code, message and correlation id.
 */
export interface StackDeploymentDeps extends ArmCallContext {
  credential: TokenCredential;
  endpoint?: string;
  reads: RequestBudget;
  writes: RequestBudget;
  pacing: { floorMs: number; capMs: number };
  pipeline: Parameters<typeof installArmPolicies>[1];
}

export interface StackTarget {
  stamp: PlanStamp;
  stack: StackSettings;
  /** The deployment body the stamp would otherwise be deployed with: its template, parameters, tags, location. */
  body: ArmDeployment;
  priority: 'rollback' | 'normal';
  timeoutMs: number;
}

const RUNNING = new Set(['creating', 'validating', 'waiting', 'deploying', 'canceling', 'updatingdenyassignments', 'deletingresources', 'deleting']);
const clients = new WeakMap<StackDeploymentDeps, Map<string, DeploymentStacksClient>>();

/** The stack of a stamp: its rollout, component and region, stable across versions (ARM allows 90 characters). */
export function stackName(rolloutName: string, stamp: Pick<PlanStamp, 'component' | 'region' | 'global'>): string {
  const raw = stamp.global ? `${rolloutName}-${stamp.component}` : `${rolloutName}-${stamp.component}-${stamp.region}`;
  return raw.replace(/[^-\w.()]/g, '-').slice(0, 90);
}

export function stacksClient(deps: Pick<StackDeploymentDeps, 'credential' | 'endpoint' | 'pipeline'>, subscription: string): DeploymentStacksClient {
  let byKey = clients.get(deps as StackDeploymentDeps);
  if (!byKey) clients.set(deps as StackDeploymentDeps, (byKey = new Map()));
  let client = byKey.get(subscription);
  if (!client) {
    // The SDK's retries off: ours run on the engine's clock (see clientOptions in deployer.ts).
    client = new DeploymentStacksClient(deps.credential, subscription, { ...(deps.endpoint ? { endpoint: deps.endpoint } : {}), retryOptions: { maxRetries: 0 } });
    installArmPolicies(client.pipeline, deps.pipeline);
    byKey.set(subscription, client);
  }
  return client;
}

/** The stack request: the stamp's template and parameters, with the spec's actionOnUnmanage and deny settings. */
export function stackBody(target: StackTarget): DeploymentStack {
  const { stack, body, stamp } = target;
  return {
    ...(stamp.scope === 'subscription' ? { location: stamp.location } : {}),
    tags: body.tags,
    properties: {
      description: `staged-rollout stamp ${stamp.id}`,
      template: body.properties.template as Record<string, unknown>,
      parameters: body.properties.parameters as never,
      actionOnUnmanage: { resources: stack.actionOnUnmanage, resourceGroups: stack.actionOnUnmanage, managementGroups: 'detach' },
      denySettings: { mode: stack.denySettings, excludedPrincipals: stack.excludedPrincipals, applyToChildScopes: false },
    },
  };
}

export async function deployStack(deps: StackDeploymentDeps, rolloutName: string, target: StackTarget, signal: AbortSignal): Promise<Deployment> {
  const started = deps.clock.now();
  const name = stackName(rolloutName, target.stamp);
  const existing = await readStack(deps, target, name, signal);
  const state = lower(existing?.properties?.provisioningState);
  if (existing && isOurs(target, existing)) {
    if (state === 'succeeded') {
      deps.log(`stack ${name} already succeeded with this content (${existing.tags?.[DEPLOYMENT_TAGS.rolloutId]}); accepting it without a new PUT`);
      return result(name, existing, 0);
    }
    if (RUNNING.has(state)) {
      deps.log(`stack ${name} is already ${state} with this content; following it instead of a new PUT`);
      return result(name, await follow(deps, target, name, started, signal), deps.clock.now() - started);
    }
  } else if (existing && RUNNING.has(state)) {
    deps.log(`stack ${name} is ${state} for ${existing.tags?.[DEPLOYMENT_TAGS.rolloutId] ?? 'another client'} (correlation id ${existing.properties?.correlationId ?? 'unknown'}); waiting for it to finish before deploying`);
    await follow(deps, target, name, started, signal, true);
  }
  await submit(deps, target, name, signal);
  const done = await follow(deps, target, name, deps.clock.now(), signal);
  return result(name, done, deps.clock.now() - started);
}

async function submit(deps: StackDeploymentDeps, target: StackTarget, name: string, signal: AbortSignal): Promise<void> {
  const client = stacksClient(deps, target.stamp.subscription).deploymentStacks;
  const body = stackBody(target);
  await armCall(deps, {
    what: `starting deployment stack ${name}`,
    budget: deps.writes,
    priority: target.priority,
    signal,
    send: async () => {
      // begin* sends the PUT and returns; the update is followed below, on the engine's clock.
      await (target.stamp.scope === 'resourceGroup'
        ? client.beginCreateOrUpdateAtResourceGroup(target.stamp.resourceGroup!, name, body, { abortSignal: signal })
        : client.beginCreateOrUpdateAtSubscription(name, body, { abortSignal: signal }));
      return true;
    },
    // An answer lost after ARM took the PUT: a read says whether our update is there.
    recover: async (failure) => {
      if (isThrottled(failure)) return undefined;
      const now = await readStack(deps, target, name, signal);
      if (now && isOurs(target, now) && (RUNNING.has(lower(now.properties?.provisioningState)) || lower(now.properties?.provisioningState) === 'succeeded')) {
        deps.log(`the answer to PUT stack ${name} was lost (${failure.code}), but ARM has it; following it instead of a second PUT`);
        return true;
      }
      return undefined;
    },
  });
}

/** Reads the stack until it is no longer running; `other`: someone else's update, waited for and not judged. */
async function follow(deps: StackDeploymentDeps, target: StackTarget, name: string, started: number, signal: AbortSignal, other = false): Promise<DeploymentStack> {
  const deadline = started + target.timeoutMs;
  let delay = deps.pacing.floorMs;
  for (;;) {
    await deps.clock.sleep(Math.max(0, Math.min(delay, deadline - deps.clock.now())), signal);
    const now = await readStack(deps, target, name, signal, target.priority === 'rollback' ? 'rollback' : 'poll');
    const state = lower(now?.properties?.provisioningState);
    if (!now) {
      if (other) return {};
      throw new DeploymentFailure({ code: 'DeploymentStackNotFound', message: `deployment stack ${name} ended but can no longer be read`, transient: true });
    }
    if (!RUNNING.has(state)) return now;
    if (deps.clock.now() >= deadline) {
      // Stacks have no cancel in api-version 2024-03-01: the update is left to finish, and the stamp fails.
      throw new DeploymentFailure({
        code: other ? 'DeploymentStackInProgress' : 'DeploymentTimedOut',
        message: other
          ? `deployment stack ${name} is still ${state} for another client after ${Math.round(target.timeoutMs / 60_000)} min; not deploying over it`
          : `deployment stack ${name} did not finish within ${Math.round(target.timeoutMs / 60_000)} min (deploymentTimeout); stacks cannot be canceled, so it may still be running`,
        correlationId: now.properties?.correlationId,
      });
    }
    delay = Math.min(deps.pacing.capMs, Math.round(delay * 1.5));
  }
}

export async function readStack(deps: StackDeploymentDeps, target: Pick<StackTarget, 'stamp' | 'priority'>, name: string, signal: AbortSignal, priority: Priority = target.priority): Promise<DeploymentStack | undefined> {
  const client = stacksClient(deps, target.stamp.subscription).deploymentStacks;
  return armCall(deps, {
    what: `reading deployment stack ${name}`,
    budget: deps.reads,
    priority,
    signal,
    send: async () => {
      try {
        return await (target.stamp.scope === 'resourceGroup' ? client.getAtResourceGroup(target.stamp.resourceGroup!, name, { abortSignal: signal }) : client.getAtSubscription(name, { abortSignal: signal }));
      } catch (error) {
        const e = error as { statusCode?: number; code?: string };
        if (e.statusCode === 404 && (e.code === 'DeploymentStackNotFound' || e.code === 'ResourceGroupNotFound' || e.code === undefined)) return undefined;
        throw error;
      }
    },
  });
}

/** Same rollout, same content, same restore: what `isOurs` says of deployments (arm-deployment.ts). */
function isOurs(target: StackTarget, s: DeploymentStack): boolean {
  const want = target.body.tags ?? {};
  const have = s.tags ?? {};
  if (!want[DEPLOYMENT_TAGS.rolloutId] || !want[DEPLOYMENT_TAGS.contentHash]) return false;
  return have[DEPLOYMENT_TAGS.rolloutId] === want[DEPLOYMENT_TAGS.rolloutId] && have[DEPLOYMENT_TAGS.contentHash] === want[DEPLOYMENT_TAGS.contentHash] && have['rollout-restored-from'] === want['rollout-restored-from'];
}

function result(name: string, s: DeploymentStack, durationMs: number): Deployment {
  const p = s.properties;
  const state = lower(p?.provisioningState);
  if (state !== 'succeeded') {
    if (state === 'canceled') throw new DeploymentFailure({ code: 'DeploymentCanceled', message: `deployment stack ${name} was canceled`, correlationId: p?.correlationId });
    throw fromFailedDeployment(`stack ${name}`, p?.error as never, p?.correlationId);
  }
  const deploymentId = p?.deploymentId ?? s.id!;
  return { deploymentId, deploymentName: deploymentId.split('/').at(-1)!, outputs: (p?.outputs ?? {}) as Outputs, correlationId: p?.correlationId, durationMs };
}

const lower = (v: unknown): string => String(v ?? '').toLowerCase();

/** For the plan and the job summary: what a what-if of a stack stamp is and is not. */
export function stackWhatIfNote(name: string, stack: StackSettings): string {
  return `deploys as deployment stack ${name} (actionOnUnmanage: ${stack.actionOnUnmanage}, denySettings: ${stack.denySettings}); ARM has no what-if for stacks (api-version 2024-03-01), so this is the what-if of its template as a deployment: resources the stack would ${stack.actionOnUnmanage} because the template dropped them are not shown`;
}
