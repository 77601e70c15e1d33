import { randomUUID } from 'node:crypto';
import type { SimCore } from './core.js';
import { ArmError, type ArmErrorDetail } from './errors.js';
import { normalizeLocation, scopeId } from './ids.js';
import { completeTopLevel, listResult, provision } from './resources.js';
import { isActive, type DeploymentRec, type ResourceRec } from './state.js';
import { evaluateOutputs, type ResourceView } from './template/evaluate.js';
import { evaluateTopLevel, findResource } from './template/plan.js';
import type { FaultOf } from './faults.js';

const FAILED_MESSAGE =
  'At least one resource deployment operation failed. Please list deployment operations for details. Please see https://aka.ms/arm-deployment-operations for usage details.';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export interface RunFaults {
  takes?: FaultOf<'deploymentTakes'>;
  hangs?: FaultOf<'deploymentHangs'>;
  fails?: FaultOf<'deploymentFails'>;
}

/**
 * One deployment from Accepted to a terminal state. All waiting is on the sim's clock, so a VirtualClock makes a
 * three-day deployment instant. Resources change only when the deployment succeeds (see the report for why).
 */
export async function runDeployment(core: SimCore, d: DeploymentRec, faults: RunFaults): Promise<void> {
  const signal = d.abort.signal;
  const clock = core.clock;
  try {
    // Let the 201 (Accepted) go out before the state moves on.
    await Promise.resolve();
    if (!isActive(d)) return;
    d.state = 'Running';
    d.timestamp = clock.now();
    if (faults.hangs) {
      await new Promise<never>((_, reject) => {
        if (signal.aborted) reject(signal.reason);
        signal.addEventListener('abort', () => reject(signal.reason), { once: true });
      });
    }
    await clock.sleep(faults.takes?.durationMs ?? core.options.deploymentLatencyMs, signal);
    if (!isActive(d)) return;
    if (faults.fails) {
      const f = faults.fails;
      const inner: ArmErrorDetail = { code: f.code, message: f.message, details: f.details };
      const first = d.plan.resources[0];
      if (first) {
        d.operations.push({
          operationId: opId(),
          provisioningOperation: 'Create',
          provisioningState: 'Failed',
          timestamp: clock.now(),
          durationMs: clock.now() - d.startedAt,
          statusCode: f.statusCode ?? 'BadRequest',
          statusMessage: { status: 'Failed', error: inner },
          targetResource: { id: first.id, resourceType: first.type, resourceName: first.name, apiVersion: first.apiVersion },
        });
      }
      finish(core, d, 'Failed', f.wrap === false ? inner : { code: 'DeploymentFailed', target: d.id, message: FAILED_MESSAGE, details: [inner] });
      return;
    }
    await apply(core, d);
    if (!isActive(d)) return;
    finish(core, d, 'Succeeded');
  } catch (err) {
    if (signal.aborted) {
      if (isActive(d)) finish(core, d, 'Canceled');
      return;
    }
    const detail = err instanceof ArmError ? err.detail() : { code: 'InternalServerError', message: String((err as Error)?.message ?? err) };
    if (isActive(d)) finish(core, d, 'Failed', { code: 'DeploymentFailed', target: d.id, message: FAILED_MESSAGE, details: [detail] });
  }
}

export function finish(core: SimCore, d: DeploymentRec, state: 'Succeeded' | 'Failed' | 'Canceled', error?: ArmErrorDetail): void {
  d.state = state;
  d.endedAt = core.clock.now();
  d.timestamp = d.endedAt;
  if (error) d.error = error;
}

const opId = (): string => randomUUID().replace(/-/g, '').slice(0, 16).toUpperCase();

async function apply(core: SimCore, d: DeploymentRec): Promise<void> {
  const { state, clock } = core;
  const { plan } = d;
  const ev = plan.evaluator;
  const applied = new Map<string, ResourceView>();
  const rg = d.scope.kind === 'resourceGroup' ? state.resourceGroups.get(`${d.scope.subscription}/${d.scope.resourceGroup}`.toLowerCase()) : undefined;
  ev.referenceFn = (target, full) => {
    const planned = findResource(plan.resources, target);
    const id = (planned?.id ?? target).toLowerCase();
    const view = applied.get(id) ?? state.resources.get(id);
    if (!view) {
      throw new ArmError(404, 'ResourceNotFound', `The Resource '${planned ? `${planned.type}/${planned.name}` : target}' under resource group '${rg?.name ?? '(none)'}' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix`);
    }
    return full
      ? { apiVersion: view.apiVersion, location: view.location, tags: view.tags ?? {}, ...view.topLevel, properties: view.properties, id: view.id, name: view.name, type: view.type }
      : view.properties;
  };
  ev.listFn = (target, apiVersion, fn, body) => {
    const id = findResource(plan.resources, target)?.id ?? target;
    return listResult(id, (x) => applied.get(x.toLowerCase()) ?? state.resources.get(x.toLowerCase()), fn, apiVersion, body);
  };
  const subscription = d.scope.kind === 'subscription' || d.scope.kind === 'resourceGroup' ? d.scope.subscription : '';
  for (const r of plan.resources) {
    const started = clock.now();
    const raw = r.raw;
    // A copy instance is evaluated again inside its own loop, so copyIndex() gives the same answer as in preflight.
    const { properties, location, tags, topLevel } = ev.withLoop(r.copy, () => ({
      properties: raw.properties === undefined ? {} : ev.value(raw.properties),
      location: raw.location === undefined ? undefined : ev.value(raw.location),
      tags: raw.tags === undefined ? undefined : ev.value(raw.tags),
      topLevel: evaluateTopLevel(raw, ev),
    }));
    const view: ResourceView = {
      id: r.id,
      type: r.type,
      name: r.name,
      apiVersion: r.apiVersion,
      location: typeof location === 'string' ? location : undefined,
      tags: isObject(tags) ? (tags as Record<string, string>) : undefined,
      properties: isObject(properties) ? properties : {},
      topLevel: completeTopLevel(r.id, topLevel, core.options.tenantId),
    };
    const existed = state.resources.has(r.id.toLowerCase());
    if (r.type.toLowerCase() === 'microsoft.resources/resourcegroups') {
      const key = `${subscription}/${r.name}`.toLowerCase();
      const prior = state.resourceGroups.get(key);
      state.resourceGroups.set(key, {
        subscription,
        name: prior?.name ?? r.name,
        location: prior?.location ?? normalizeLocation(view.location),
        tags: view.tags ?? prior?.tags,
        provisioningState: 'Succeeded',
      });
      view.properties = { provisioningState: 'Succeeded' };
    } else {
      view.properties = await provision(view, {
        apps: core.apps,
        routers: core.routers,
        provisionEndpoint: (id) => core.frontDoor.provisionEndpoint(id),
        subscription,
        resourceGroup: rg?.name ?? '',
        region: view.location ? normalizeLocation(view.location) : (rg?.location ?? d.location ?? ''),
        deploymentName: d.name,
      });
      const rec: ResourceRec = {
        ...view,
        subscription: subscription || undefined,
        resourceGroup: rg?.name,
        scopeKey: scopeId(d.scope).toLowerCase(),
        deploymentName: d.name,
      };
      state.resources.set(r.id.toLowerCase(), rec);
    }
    applied.set(r.id.toLowerCase(), view);
    d.outputResources.push(r.id);
    d.operations.push({
      operationId: opId(),
      provisioningOperation: 'Create',
      provisioningState: 'Succeeded',
      timestamp: clock.now(),
      durationMs: clock.now() - started,
      statusCode: existed ? 'OK' : 'Created',
      targetResource: { id: r.id, resourceType: r.type, resourceName: r.name, apiVersion: r.apiVersion },
    });
  }
  if (d.mode === 'Complete' && d.scope.kind === 'resourceGroup') {
    const keep = new Set(plan.resources.map((r) => r.id.toLowerCase()));
    for (const res of state.resourcesIn(scopeId(d.scope))) {
      if (keep.has(res.id.toLowerCase())) continue;
      state.resources.delete(res.id.toLowerCase());
      await core.apps.remove(res.id);
      await core.routers?.remove(res.id);
    }
  }
  d.outputs = evaluateOutputs(d.template, ev, false);
}
