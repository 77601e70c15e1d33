import { randomUUID } from 'node:crypto';
import { json, type ArmReply, type ArmRequest, type SimCore } from './core.js';
import { ArmError, badRequest, conflict, notFound } from './errors.js';
import { checkDeploymentName, checkSubscription, scopeId, scopeKey, type Scope } from './ids.js';
import { operationResultUrl } from './lro.js';
import { prepareDeployment, preflight, requireResourceGroup } from './deploymentRequest.js';
import { renderDeployment, renderOperation, renderStatus, providersOf, dependenciesOf, renderParameters } from './deploymentView.js';
import { finish, runDeployment } from './runner.js';
import { isActive, type DeploymentRec } from './state.js';
import { isoDuration, isoTime, templateHash } from './format.js';
import { whatIf } from './whatif.js';

/** Checks the scope exists and returns it with ARM's spelling of the resource group name. */
export function resolveScope(core: SimCore, scope: Scope): Scope {
  if (scope.kind === 'subscription' || scope.kind === 'resourceGroup') checkSubscription(scope.subscription);
  if (scope.kind !== 'resourceGroup') return scope;
  const rg = core.state.resourceGroups.get(`${scope.subscription}/${scope.resourceGroup}`.toLowerCase());
  if (!rg) throw notFound('ResourceGroupNotFound', `Resource group '${scope.resourceGroup}' could not be found.`);
  return { ...scope, resourceGroup: rg.name };
}

const deploymentId = (scope: Scope, name: string): string => `${scopeId(scope)}/providers/Microsoft.Resources/deployments/${name}`;

function find(core: SimCore, scope: Scope, name: string): DeploymentRec {
  const d = core.state.deploymentsIn(scopeKey(scope)).get(name.toLowerCase());
  if (!d) throw notFound('DeploymentNotFound', `Deployment '${name}' could not be found.`);
  return d;
}

const subjectBase = (scope: Scope): { resourceGroup?: string; subscription?: string } => ({
  resourceGroup: scope.kind === 'resourceGroup' ? scope.resourceGroup : undefined,
  subscription: scope.kind === 'resourceGroup' || scope.kind === 'subscription' ? scope.subscription : undefined,
});

export function putDeployment(core: SimCore, req: ArmRequest, rawScope: Scope, name: string): ArmReply {
  checkDeploymentName(name);
  const scope = resolveScope(core, rawScope);
  const history = core.state.deploymentsIn(scopeKey(scope));
  const previous = history.get(name.toLowerCase());
  if (previous && isActive(previous)) {
    throw conflict(
      'DeploymentActive',
      `Unable to edit or replace deployment '${previous.name}': previous deployment from '${isoTime(previous.startedAt)}' is still active (expiration time is '${isoTime(previous.startedAt + 14 * 86_400_000)}'). Please see https://aka.ms/arm-deploy for usage details.`,
    );
  }
  // ARM runs deployments of other names into one resource group side by side (nested deployments do it all the
  // time); only the same name is refused while it is active (checked above).
  const p = prepareDeployment(core, scope, name, req.body);
  if (previous && previous.location && p.location && previous.location !== p.location) {
    throw badRequest('InvalidDeploymentLocation', `Invalid deployment location '${p.location}'. The deployment '${name}' already exists in location '${previous.location}'.`);
  }
  preflight(core, scope, name, p);
  if (!previous) makeRoomInHistory(core, scope, name);

  const now = core.clock.now();
  const d: DeploymentRec = {
    scope,
    name,
    id: deploymentId(scope, name),
    location: p.location,
    tags: p.tags,
    mode: p.mode,
    template: p.template,
    templateLink: p.templateLink,
    onErrorDeployment: p.onErrorDeployment && resolveOnError(history, p.onErrorDeployment),
    debugSetting: p.debugSetting,
    parameters: p.plan.parameters,
    plan: p.plan,
    state: 'Accepted',
    correlationId: req.correlationId,
    startedAt: now,
    timestamp: now,
    outputResources: [],
    operations: [],
    asyncOperationId: randomUUID().replace(/-/g, '').toUpperCase(),
    abort: new AbortController(),
    version: p.version,
    regions: p.regions,
    requestBody: req.body,
  };
  if (previous) history.delete(name.toLowerCase());
  history.set(name.toLowerCase(), d);
  core.deploymentRuns.set(d.asyncOperationId, d);
  const subject = { ...subjectBase(scope), region: p.regions, version: p.version, deploymentName: name };
  const faults = {
    hangs: core.faults.take(['deploymentHangs'], subject),
    takes: core.faults.take(['deploymentTakes'], subject),
    fails: core.faults.take(['deploymentFails'], subject),
  };
  const run = runDeployment(core, d, faults).finally(() => core.running.delete(run));
  core.running.add(run);
  const statusUrl = `${core.endpoint}${d.id}/operationStatuses/${d.asyncOperationId}?api-version=${encodeURIComponent(req.apiVersion)}`;
  return json(previous ? 200 : 201, renderDeployment(d, now), { 'Azure-AsyncOperation': statusUrl, ...deploymentRetryAfter(core) });
}

function resolveOnError(history: Map<string, DeploymentRec>, spec: Record<string, unknown>): Record<string, unknown> {
  if (spec.type === 'LastSuccessful') {
    const last = [...history.values()].reverse().find((x) => x.state === 'Succeeded');
    return last ? { type: 'LastSuccessful', deploymentName: last.name } : { type: 'LastSuccessful' };
  }
  return { ...spec };
}

/** ARM keeps 800 deployments per scope; with auto-deletion on it trims the oldest finished ones above 700. */
function makeRoomInHistory(core: SimCore, scope: Scope, name: string): void {
  const history = core.state.deploymentsIn(scopeKey(scope));
  const { historyLimit, autoDeleteHistory } = core.options;
  if (autoDeleteHistory) {
    const threshold = Math.floor(historyLimit * 0.875);
    for (const [k, d] of history) {
      if (history.size < threshold) break;
      if (!isActive(d)) history.delete(k);
    }
  }
  if (history.size >= historyLimit) {
    throw conflict(
      'DeploymentQuotaExceeded',
      `Creating the deployment '${name}' would exceed the quota of '${historyLimit}'. The current deployment count is '${history.size}'. Please delete some deployments before creating a new one, or see https://aka.ms/800LimitFix for information on managing deployment limits.`,
    );
  }
}

export function getDeployment(core: SimCore, scope: Scope, name: string, head: boolean): ArmReply {
  const s = resolveScope(core, scope);
  if (head) {
    const d = core.state.deploymentsIn(scopeKey(s)).get(name.toLowerCase());
    return json(d ? 204 : 404);
  }
  return json(200, renderDeployment(find(core, s, name), core.clock.now()));
}

export function deleteDeployment(core: SimCore, req: ArmRequest, scope: Scope, name: string): ArmReply {
  const s = resolveScope(core, scope);
  const history = core.state.deploymentsIn(scopeKey(s));
  const d = history.get(name.toLowerCase());
  if (!d) return json(204);
  if (isActive(d)) {
    throw conflict('DeploymentActive', `The deployment '${d.name}' is still active and cannot be deleted. Cancel it first. Please see https://aka.ms/arm-deploy for usage details.`);
  }
  history.delete(name.toLowerCase());
  const id = core.locationOps.create({ final: () => ({ status: 204 }) });
  return json(202, undefined, locationHeaders(core, s, id, req.apiVersion));
}

export function locationHeaders(core: SimCore, scope: Scope, id: string, apiVersion: string): Record<string, string> {
  const sub = scope.kind === 'subscription' || scope.kind === 'resourceGroup' ? scope.subscription : undefined;
  const h: Record<string, string> = { Location: operationResultUrl(core.endpoint, sub, id, apiVersion) };
  if (core.options.lroRetryAfterSeconds > 0) h['Retry-After'] = String(core.options.lroRetryAfterSeconds);
  return h;
}

const FILTER = /^\s*provisioningState\s+eq\s+'([A-Za-z]+)'\s*$/i;

export function listDeployments(core: SimCore, req: ArmRequest, scope: Scope): ArmReply {
  const s = resolveScope(core, scope);
  let all = [...core.state.deploymentsIn(scopeKey(s)).values()];
  const filter = req.query.get('$filter');
  if (filter !== null) {
    const m = FILTER.exec(filter);
    if (!m) throw badRequest('InvalidFilterInQueryString', `The filter '${filter}' is not supported. Use $filter=provisioningState eq '{state}'.`);
    all = all.filter((d) => d.state.toLowerCase() === m[1].toLowerCase());
  }
  return page(core, req, all.map((d) => renderDeployment(d, core.clock.now())));
}

/** `{value, nextLink}` paging; `$top` caps the total, `$skiptoken` is the offset of the next page. */
export function page(core: SimCore, req: ArmRequest, items: unknown[]): ArmReply {
  const topRaw = req.query.get('$top');
  let top = items.length;
  if (topRaw !== null) {
    const n = Number(topRaw);
    if (!Number.isInteger(n) || n < 1) throw badRequest('InvalidTopInQueryString', `The value '${topRaw}' of the query parameter '$top' is not a positive integer.`);
    top = Math.min(n, items.length);
  }
  const skipRaw = req.query.get('$skiptoken') ?? '0';
  const skip = Number(skipRaw);
  if (!Number.isInteger(skip) || skip < 0) throw badRequest('InvalidSkipToken', `The skip token '${skipRaw}' is not valid.`);
  const end = Math.min(top, skip + core.options.pageSize);
  const body: Record<string, unknown> = { value: items.slice(skip, end) };
  if (end < top) {
    // Keys stay unencoded (`$skiptoken`, `$filter`) as in ARM's own nextLinks.
    const q = [...req.query].filter(([k]) => k !== '$skiptoken').map(([k, v]) => `${k}=${encodeURIComponent(v)}`);
    q.push(`$skiptoken=${end}`);
    body.nextLink = `${core.endpoint}${req.path}?${q.join('&')}`;
  }
  return json(200, body);
}

export function cancelDeployment(core: SimCore, scope: Scope, name: string): ArmReply {
  const d = find(core, resolveScope(core, scope), name);
  if (!isActive(d)) {
    throw conflict('DeploymentCannotBeCancelled', `The deployment '${d.name}' cannot be cancelled because it is in '${d.state}' state. Only deployments in 'Accepted' or 'Running' state can be cancelled.`);
  }
  finish(core, d, 'Canceled');
  d.abort.abort(new Error('deployment canceled'));
  return json(204);
}

export function exportTemplate(core: SimCore, scope: Scope, name: string): ArmReply {
  const d = find(core, resolveScope(core, scope), name);
  return json(200, { template: d.template });
}

export function validateDeployment(core: SimCore, req: ArmRequest, scope: Scope, name: string): ArmReply {
  checkDeploymentName(name);
  const s = resolveScope(core, scope);
  try {
    const p = prepareDeployment(core, s, name, req.body);
    preflight(core, s, name, p);
    const now = core.clock.now();
    const properties: Record<string, unknown> = {
      templateHash: templateHash(p.template),
      parameters: renderParameters(p.plan.parameters),
      mode: p.mode,
      provisioningState: 'Succeeded',
      timestamp: isoTime(now),
      duration: isoDuration(0),
      correlationId: req.correlationId,
      providers: providersOf(p.plan.resources),
      dependencies: dependenciesOf(p.plan.resources),
      validatedResources: p.plan.resources.map((r) => ({ id: r.id })),
    };
    if (p.templateLink) properties.templateLink = p.templateLink;
    if (p.onErrorDeployment) properties.onErrorDeployment = p.onErrorDeployment;
    return json(200, { id: deploymentId(s, name), name, type: 'Microsoft.Resources/deployments', ...(p.location ? { location: p.location } : {}), properties });
  } catch (err) {
    // 400s are validate's documented answer (the SDK returns them as a result with `error`); other codes stay errors.
    if (err instanceof ArmError && err.status === 400) return json(400, err.body());
    throw err;
  }
}

export function whatIfDeployment(core: SimCore, req: ArmRequest, scope: Scope, name: string): ArmReply {
  checkDeploymentName(name);
  const s = resolveScope(core, scope);
  if (s.kind === 'resourceGroup') requireResourceGroup(core, s.subscription, s.resourceGroup);
  const p = prepareDeployment(core, s, name, req.body);
  preflight(core, s, name, p);
  const body = req.body as { properties?: { whatIfSettings?: { resultFormat?: string } } };
  const result = whatIf(core, s, p.plan.resources, p.mode, body.properties?.whatIfSettings?.resultFormat ?? 'FullResourcePayloads');
  const id = core.locationOps.create({ final: () => ({ status: 200, body: result }) });
  return json(202, undefined, locationHeaders(core, s, id, req.apiVersion));
}

export function listOperations(core: SimCore, req: ArmRequest, scope: Scope, name: string, operationId?: string): ArmReply {
  const d = find(core, resolveScope(core, scope), name);
  if (operationId === undefined) return page(core, req, d.operations.map((op) => renderOperation(d, op)));
  const op = d.operations.find((o) => o.operationId.toLowerCase() === operationId.toLowerCase());
  if (!op) throw notFound('DeploymentOperationNotFound', `Deployment operation '${operationId}' of deployment '${name}' could not be found.`);
  return json(200, renderOperation(d, op));
}

export function operationStatus(core: SimCore, scope: Scope, name: string, opId: string): ArmReply {
  // Not resolveScope: a poller must still learn "Canceled" after the resource group it deployed to is gone.
  if (scope.kind === 'subscription' || scope.kind === 'resourceGroup') checkSubscription(scope.subscription);
  const d = core.deploymentRuns.get(opId.toUpperCase());
  if (!d || d.name.toLowerCase() !== name.toLowerCase()) {
    throw notFound('OperationNotFound', `The operation '${opId}' of deployment '${name}' could not be found.`);
  }
  return json(200, renderStatus(d), isActive(d) ? deploymentRetryAfter(core) : undefined);
}

/** ARM asks deployment pollers to come back after some seconds; 0 leaves the header out. */
function deploymentRetryAfter(core: SimCore): Record<string, string> {
  const s = core.options.deploymentRetryAfterSeconds;
  return s > 0 ? { 'Retry-After': String(s) } : {};
}
