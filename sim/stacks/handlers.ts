import { randomUUID } from 'node:crypto';
import { json, type ArmReply, type ArmRequest, type SimCore } from '../core.js';
import { badRequest, conflict, notFound } from '../errors.js';
import { putDeployment, locationHeaders, page, resolveScope } from '../deployments.js';
import { scopeId, scopeKey, type Scope } from '../ids.js';
import type { DeploymentRec } from '../state.js';
import { callerPrincipal } from './principal.js';
import { renderStack, stackStatus } from './view.js';
import { isRunning, stackStore, type DenyMode, type StackRec, type UnmanageAction } from './store.js';

/**
 * Microsoft.Resources/deploymentStacks (api-version 2024-03-01) at resource-group and subscription scope: a PUT
 * makes one deployment in the stack's scope and follows it; when it ends, resources the previous version managed
 * and the new one no longer does are deleted or detached per `actionOnUnmanage.resources`.
 */
const NAME = /^[-\w._()]{1,90}$/;
const UNMANAGE = new Set(['delete', 'detach']);
const DENY = new Set(['none', 'denyDelete', 'denyWriteAndDelete']);

export const stackId = (scope: Scope, name: string): string => `${scopeId(scope)}/providers/Microsoft.Resources/deploymentStacks/${name}`;

function find(core: SimCore, scope: Scope, name: string): StackRec {
  const s = stackStore(core.state).stacks.get(stackId(scope, name).toLowerCase());
  if (!s) throw notFound('DeploymentStackNotFound', `The deployment stack '${name}' could not be found.`);
  return s;
}

interface StackBody {
  location?: string;
  tags?: Record<string, string>;
  properties?: {
    template?: Record<string, unknown>;
    templateLink?: unknown;
    parameters?: Record<string, unknown>;
    parametersLink?: unknown;
    description?: string;
    actionOnUnmanage?: { resources?: string; resourceGroups?: string; managementGroups?: string };
    denySettings?: { mode?: string; excludedPrincipals?: unknown; excludedActions?: unknown; applyToChildScopes?: boolean };
  };
}

/** The body's stack settings, checked as the REST reference requires (actionOnUnmanage.resources, denySettings.mode). */
function settings(body: StackBody): Pick<StackRec, 'actionOnUnmanage' | 'denySettings' | 'description'> {
  const p = body.properties;
  if (!p || typeof p !== 'object') throw badRequest('InvalidRequestContent', "The request content was invalid and could not be deserialized: 'Required property 'properties' not found in JSON.'.");
  const aou = p.actionOnUnmanage;
  if (!aou || !UNMANAGE.has(String(aou.resources))) {
    throw badRequest('InvalidRequestContent', `The request content was invalid: 'properties.actionOnUnmanage.resources' must be 'delete' or 'detach', not '${String(aou?.resources)}'.`, 'properties.actionOnUnmanage');
  }
  for (const k of ['resourceGroups', 'managementGroups'] as const) {
    if (aou[k] !== undefined && !UNMANAGE.has(String(aou[k]))) throw badRequest('InvalidRequestContent', `The request content was invalid: 'properties.actionOnUnmanage.${k}' must be 'delete' or 'detach'.`, 'properties.actionOnUnmanage');
  }
  const deny = p.denySettings;
  if (!deny || !DENY.has(String(deny.mode))) {
    throw badRequest('InvalidRequestContent', `The request content was invalid: 'properties.denySettings.mode' must be 'none', 'denyDelete' or 'denyWriteAndDelete', not '${String(deny?.mode)}'.`, 'properties.denySettings');
  }
  const strings = (v: unknown, what: string, max: number): string[] => {
    if (v === undefined) return [];
    if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) throw badRequest('InvalidRequestContent', `The request content was invalid: 'properties.denySettings.${what}' must be an array of strings.`, 'properties.denySettings');
    if (v.length > max) throw badRequest('DeploymentStackInvalidDenySettings', `Up to ${max} ${what} are permitted in denySettings; ${v.length} were given.`, 'properties.denySettings');
    return v as string[];
  };
  return {
    actionOnUnmanage: { resources: aou.resources as UnmanageAction, ...(aou.resourceGroups ? { resourceGroups: aou.resourceGroups as UnmanageAction } : {}), ...(aou.managementGroups ? { managementGroups: aou.managementGroups as UnmanageAction } : {}) },
    denySettings: { mode: deny.mode as DenyMode, excludedPrincipals: strings(deny.excludedPrincipals, 'excludedPrincipals', 5), excludedActions: strings(deny.excludedActions, 'excludedActions', 200), applyToChildScopes: deny.applyToChildScopes === true },
    ...(typeof p.description === 'string' ? { description: p.description } : {}),
  };
}

export function putStack(core: SimCore, req: ArmRequest, rawScope: Scope, name: string): ArmReply {
  if (!NAME.test(name)) throw badRequest('InvalidDeploymentStackName', `The deployment stack name '${name}' is invalid: it must be 1 to 90 characters of letters, digits, '-', '.', '_', '(' and ')'.`);
  const scope = resolveScope(core, rawScope);
  const body = (req.body ?? {}) as StackBody;
  const s = settings(body);
  if (body.properties?.templateLink !== undefined || body.properties?.parametersLink !== undefined) {
    throw badRequest('InvalidRequestContent', 'The local endpoint takes the template and parameters inline only (templateLink and parametersLink are not supported).');
  }
  if (!body.properties?.template || typeof body.properties.template !== 'object') throw badRequest('InvalidRequestContent', "The request content was invalid: 'properties.template' is required.");
  const store = stackStore(core.state);
  const id = stackId(scope, name);
  const previous = store.stacks.get(id.toLowerCase());
  if (previous && isRunning(previous)) {
    throw conflict('DeploymentStackInProgress', `The deployment stack '${previous.name}' is still being updated (correlation id '${previous.correlationId}'); wait for it to finish before updating it again.`);
  }
  const rg = scope.kind === 'resourceGroup' ? core.state.resourceGroups.get(`${scope.subscription}/${scope.resourceGroup}`.toLowerCase()) : undefined;
  const location = rg?.location ?? body.location;
  if (scope.kind !== 'resourceGroup' && !location) throw badRequest('LocationRequired', 'The location property is required for a deployment stack at subscription scope.');
  if (previous?.location && body.location && previous.location.toLowerCase() !== body.location.toLowerCase() && scope.kind !== 'resourceGroup') {
    throw badRequest('InvalidDeploymentStackLocation', `The deployment stack '${name}' already exists in location '${previous.location}'; its location cannot change to '${body.location}'.`);
  }
  const now = core.clock.now();
  const deploymentName = `${name.slice(0, 44)}-${new Date(now).toISOString().replace(/\D/g, '').slice(0, 14)}-${(store.counter++ % 1000).toString().padStart(3, '0')}`;
  const template = body.properties.template;
  const parameters = body.properties.parameters ?? {};
  // The stack's deployment carries the stack's tags (ARM does not document what it tags it with; see sim/README.md).
  const deploymentBody = { ...(scope.kind === 'resourceGroup' ? {} : { location }), ...(body.tags ? { tags: body.tags } : {}), properties: { mode: 'Incremental', template, parameters } };
  // Preflight errors (template, parameters) answer this PUT, as they answer a deployment's.
  putDeployment(core, { ...req, body: deploymentBody }, scope, deploymentName);
  const d = core.state.deploymentsIn(scopeKey(scope)).get(deploymentName.toLowerCase())!;
  const run = [...core.running].at(-1);
  const stack: StackRec = {
    scope,
    name,
    id,
    location,
    tags: body.tags,
    ...s,
    template,
    parameters,
    state: 'deploying',
    correlationId: req.correlationId,
    deploymentName,
    deploymentId: d.id,
    resources: previous?.resources ?? [],
    deletedResources: [],
    detachedResources: [],
    createdAt: previous?.createdAt ?? now,
    modifiedAt: now,
    modifiedBy: callerPrincipal(req.headers),
  };
  store.stacks.set(id.toLowerCase(), stack);
  const operationId = randomUUID();
  store.operations.set(operationId, stack);
  // Settled as soon as its deployment ends, whether or not anyone polls: unmanaged resources go at once.
  const settled = (run ?? Promise.resolve()).then(() => settle(core, stack, d));
  core.running.add(settled);
  void settled.finally(() => core.running.delete(settled));
  const statusUrl = `${core.endpoint}${id}/operationStatuses/${operationId}?api-version=${encodeURIComponent(req.apiVersion)}`;
  return json(previous ? 200 : 201, renderStack(stack, now), { 'Azure-AsyncOperation': statusUrl });
}

/** The stack's deployment ended: the stack takes its outcome and applies actionOnUnmanage to what it no longer manages. */
export function settle(core: SimCore, stack: StackRec, d: DeploymentRec): void {
  if (stack.deploymentName !== d.name) return;
  stack.modifiedAt = core.clock.now();
  stack.durationMs = (d.endedAt ?? stack.modifiedAt) - d.startedAt;
  if (d.state === 'Canceled') return void (stack.state = 'canceled');
  if (d.state !== 'Succeeded') {
    stack.state = 'failed';
    stack.error = d.error ?? { code: 'DeploymentFailed', message: `The deployment '${d.name}' of the stack failed.` };
    return;
  }
  const now = new Set(d.outputResources.map((r) => r.toLowerCase()));
  const dropped = stack.resources.filter((r) => !now.has(r.toLowerCase()));
  stack.deletedResources = [];
  stack.detachedResources = [];
  for (const r of [...dropped].reverse()) {
    if (stack.actionOnUnmanage.resources === 'delete') {
      removeResource(core, r);
      stack.deletedResources.push(r);
    } else stack.detachedResources.push(r);
  }
  stack.resources = [...d.outputResources];
  stack.outputs = d.outputs;
  stack.error = undefined;
  stack.state = 'succeeded';
}

/** Deletes a resource and its children, as the generic DELETE does (its stamp app stops). */
function removeResource(core: SimCore, id: string): void {
  const key = id.toLowerCase();
  for (const r of [...core.state.resources.values()]) {
    const k = r.id.toLowerCase();
    if (k === key || k.startsWith(`${key}/`)) {
      core.state.resources.delete(k);
      void core.apps.remove(r.id);
    }
  }
}

export function getStack(core: SimCore, scope: Scope, name: string): ArmReply {
  return json(200, renderStack(find(core, resolveScope(core, scope), name), core.clock.now()));
}

export function listStacks(core: SimCore, req: ArmRequest, scope: Scope): ArmReply {
  const s = resolveScope(core, scope);
  const key = scopeKey(s);
  const all = [...stackStore(core.state).stacks.values()].filter((x) => scopeKey(x.scope) === key);
  return page(core, req, all.map((x) => renderStack(x, core.clock.now())));
}

/** DELETE with `unmanageAction.Resources` (default detach): managed resources are deleted (in reverse order) or left. */
export function deleteStack(core: SimCore, req: ArmRequest, scope: Scope, name: string): ArmReply {
  const s = resolveScope(core, scope);
  const store = stackStore(core.state);
  const stack = store.stacks.get(stackId(s, name).toLowerCase());
  if (!stack) return json(204);
  const action = queryAction(req, 'unmanageAction.Resources');
  for (const k of ['unmanageAction.ResourceGroups', 'unmanageAction.ManagementGroups']) queryAction(req, k);
  if (isRunning(stack)) throw conflict('DeploymentStackInProgress', `The deployment stack '${stack.name}' is still being updated (correlation id '${stack.correlationId}'); it cannot be deleted now.`);
  if (action === 'delete') for (const r of [...stack.resources].reverse()) removeResource(core, r);
  store.stacks.delete(stack.id.toLowerCase());
  const op = core.locationOps.create({ final: () => ({ status: 200 }) });
  return json(202, undefined, locationHeaders(core, s, op, req.apiVersion));
}

function queryAction(req: ArmRequest, key: string): UnmanageAction {
  // Query keys are matched case-insensitively, as ARM does.
  const entry = [...req.query].find(([k]) => k.toLowerCase() === key.toLowerCase());
  if (!entry) return 'detach';
  if (!UNMANAGE.has(entry[1])) throw badRequest('InvalidQueryParameterValue', `The value '${entry[1]}' of query parameter '${key}' is invalid: use 'delete' or 'detach'.`);
  return entry[1] as UnmanageAction;
}

export function exportStackTemplate(core: SimCore, scope: Scope, name: string): ArmReply {
  return json(200, { template: find(core, resolveScope(core, scope), name).template });
}

export function stackOperationStatus(core: SimCore, scope: Scope, name: string, operationId: string): ArmReply {
  const stack = stackStore(core.state).operations.get(operationId);
  if (!stack || stack.name.toLowerCase() !== name.toLowerCase() || scopeKey(stack.scope) !== scopeKey(scope)) {
    throw notFound('OperationNotFound', `The operation '${operationId}' of deployment stack '${name}' could not be found.`);
  }
  return json(200, stackStatus(stack, operationId, core.clock.now()));
}
