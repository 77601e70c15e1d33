import { compactDetail } from './errors.js';
import { armTypeName, isoDuration, isoTime, templateHash } from './format.js';
import type { DeploymentOperationRec, DeploymentRec } from './state.js';
import type { PlannedResource, ResolvedParameter } from './template/evaluate.js';

/** Parameters as ARM returns them: `{type, value}`, secure ones without their value. */
export function renderParameters(params: Record<string, ResolvedParameter>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, p] of Object.entries(params)) out[k] = p.secure ? { type: armTypeName(p.type) } : { type: armTypeName(p.type), value: p.value };
  return out;
}

export function providersOf(resources: PlannedResource[]): unknown[] {
  const byNs = new Map<string, Map<string, Set<string>>>();
  for (const r of resources) {
    const [ns, ...rest] = r.type.split('/');
    const types = byNs.get(ns) ?? new Map<string, Set<string>>();
    byNs.set(ns, types);
    const locs = types.get(rest.join('/')) ?? new Set<string>();
    if (r.location) locs.add(r.location);
    types.set(rest.join('/'), locs);
  }
  return [...byNs].map(([namespace, types]) => ({
    namespace,
    resourceTypes: [...types].map(([resourceType, locs]) => ({ resourceType, locations: [...locs] })),
  }));
}

export function dependenciesOf(resources: PlannedResource[]): unknown[] {
  const byId = new Map(resources.map((r) => [r.id, r]));
  return resources
    .filter((r) => r.dependsOn.length > 0)
    .map((r) => ({
      dependsOn: r.dependsOn.map((d) => ({ id: d, resourceType: byId.get(d)!.type, resourceName: byId.get(d)!.name })),
      id: r.id,
      resourceType: r.type,
      resourceName: r.name,
    }));
}

export function renderDeployment(d: DeploymentRec, now: number): Record<string, unknown> {
  const props: Record<string, unknown> = {
    templateHash: templateHash(d.template),
    parameters: renderParameters(d.parameters),
    mode: d.mode,
    provisioningState: d.state,
    timestamp: isoTime(d.timestamp),
    duration: isoDuration((d.endedAt ?? now) - d.startedAt),
    correlationId: d.correlationId,
    providers: providersOf(d.plan.resources),
    dependencies: dependenciesOf(d.plan.resources),
  };
  if (d.templateLink) props.templateLink = d.templateLink;
  if (d.outputs) props.outputs = d.outputs;
  if (d.state === 'Succeeded') props.outputResources = d.outputResources.map((id) => ({ id }));
  if (d.error) props.error = compactDetail(d.error);
  if (d.onErrorDeployment) props.onErrorDeployment = d.onErrorDeployment;
  if (d.debugSetting) props.debugSetting = d.debugSetting;
  const out: Record<string, unknown> = { id: d.id, name: d.name, type: 'Microsoft.Resources/deployments' };
  if (d.location) out.location = d.location;
  out.properties = props;
  if (d.tags) out.tags = d.tags;
  return out;
}

export function renderOperation(d: DeploymentRec, op: DeploymentOperationRec): Record<string, unknown> {
  const properties: Record<string, unknown> = {
    provisioningOperation: op.provisioningOperation,
    provisioningState: op.provisioningState,
    timestamp: isoTime(op.timestamp),
    duration: isoDuration(op.durationMs),
    trackingId: d.correlationId,
    serviceRequestId: d.correlationId,
    statusCode: op.statusCode,
  };
  if (op.statusMessage) properties.statusMessage = op.statusMessage;
  if (op.targetResource) properties.targetResource = op.targetResource;
  const base = d.id.replace(/\/providers\/Microsoft\.Resources\/deployments\//, (m) => (d.scope.kind === 'resourceGroup' ? '/deployments/' : m));
  return { id: `${base}/operations/${op.operationId}`, operationId: op.operationId, properties };
}

/** The body of `.../operationStatuses/{id}`: what the SDK's Azure-AsyncOperation poller reads. */
export function renderStatus(d: DeploymentRec): Record<string, unknown> {
  const status = d.state === 'Accepted' ? 'Running' : d.state;
  const out: Record<string, unknown> = { status };
  if (d.state === 'Failed' && d.error) out.error = compactDetail(d.error);
  return out;
}
