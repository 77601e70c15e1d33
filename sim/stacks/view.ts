import { isoDuration, isoTime } from '../format.js';
import type { StackRec } from './store.js';

const secure = (type: unknown): boolean => typeof type === 'string' && /^secure(string|object)$/i.test(type);

/** A stack as ARM answers it (DeploymentStack of the REST reference); secure parameter values never come back. */
export function renderStack(s: StackRec, now: number): Record<string, unknown> {
  const declared = (s.template.parameters ?? {}) as Record<string, { type?: unknown }>;
  const parameters: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(s.parameters)) {
    const p = v as { value?: unknown; reference?: unknown };
    parameters[k] = secure(declared[k]?.type) ? {} : p;
  }
  const denyStatus = s.denySettings.mode;
  const properties: Record<string, unknown> = {
    actionOnUnmanage: s.actionOnUnmanage,
    denySettings: s.denySettings,
    ...(s.description !== undefined ? { description: s.description } : {}),
    parameters,
    provisioningState: s.state,
    correlationId: s.correlationId,
    deploymentId: s.deploymentId,
    resources: s.resources.map((id) => ({ id, status: 'managed', denyStatus })),
    deletedResources: s.deletedResources.map((id) => ({ id })),
    detachedResources: s.detachedResources.map((id) => ({ id })),
    failedResources: [],
  };
  if (s.outputs) properties.outputs = s.outputs;
  if (s.durationMs !== undefined) properties.duration = isoDuration(s.durationMs);
  if (s.error) properties.error = s.error;
  const by = s.modifiedBy ?? 'unknown';
  return {
    id: s.id,
    type: 'Microsoft.Resources/deploymentStacks',
    name: s.name,
    ...(s.location ? { location: s.location } : {}),
    ...(s.tags ? { tags: s.tags } : {}),
    systemData: { createdBy: by, createdByType: 'Application', createdAt: isoTime(s.createdAt), lastModifiedBy: by, lastModifiedByType: 'Application', lastModifiedAt: isoTime(Math.min(now, s.modifiedAt)) },
    properties,
  };
}

/** The Azure-AsyncOperation status resource of a create/update. */
export function stackStatus(s: StackRec, operationId: string, _now: number): Record<string, unknown> {
  const status = s.state === 'deploying' ? 'Running' : s.state === 'succeeded' ? 'Succeeded' : s.state === 'failed' ? 'Failed' : 'Canceled';
  return { id: `${s.id}/operationStatuses/${operationId}`, name: operationId, status, ...(s.error && status === 'Failed' ? { error: s.error } : {}) };
}
