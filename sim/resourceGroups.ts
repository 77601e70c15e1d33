import { json, type ArmReply, type ArmRequest, type SimCore } from './core.js';
import { ArmError, badRequest, conflict, invalidContent, notFound } from './errors.js';
import { checkResourceGroupName, checkSubscription, normalizeLocation, rgKey, scopeId, scopeKey } from './ids.js';
import { locationHeaders, page } from './deployments.js';
import { finish } from './runner.js';
import { isActive, type ResourceGroupRec } from './state.js';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function renderResourceGroup(rg: ResourceGroupRec): Record<string, unknown> {
  const out: Record<string, unknown> = {
    id: `/subscriptions/${rg.subscription}/resourceGroups/${rg.name}`,
    name: rg.name,
    type: 'Microsoft.Resources/resourceGroups',
    location: rg.location,
  };
  if (rg.managedBy) out.managedBy = rg.managedBy;
  if (rg.tags) out.tags = rg.tags;
  out.properties = { provisioningState: rg.provisioningState };
  return out;
}

function checkTags(tags: unknown): Record<string, string> | undefined {
  if (tags === undefined || tags === null) return undefined;
  if (!isObject(tags) || Object.values(tags).some((v) => typeof v !== 'string')) throw invalidContent("The 'tags' property must be an object of string values");
  return tags as Record<string, string>;
}

export function putResourceGroup(core: SimCore, req: ArmRequest, sub: string, name: string): ArmReply {
  checkSubscription(sub);
  checkResourceGroupName(name);
  const body = req.body;
  if (!isObject(body)) throw invalidContent('The request body must be a JSON object');
  const location = normalizeLocation(body.location);
  const tags = checkTags(body.tags);
  const key = rgKey(sub, name);
  const existing = core.state.resourceGroups.get(key);
  if (existing) {
    if (existing.provisioningState === 'Deleting') {
      throw conflict('ResourceGroupBeingDeleted', `The resource group '${existing.name}' is in deprovisioning state and cannot perform this operation.`);
    }
    if (existing.location !== location) {
      throw conflict('InvalidResourceGroupLocation', `Invalid resource group location '${location}'. The Resource group already exists in location '${existing.location}'.`);
    }
    existing.tags = tags;
    if (typeof body.managedBy === 'string') existing.managedBy = body.managedBy;
    return json(200, renderResourceGroup(existing));
  }
  const rg: ResourceGroupRec = { subscription: sub, name, location, tags, provisioningState: 'Succeeded' };
  if (typeof body.managedBy === 'string') rg.managedBy = body.managedBy;
  core.state.resourceGroups.set(key, rg);
  return json(201, renderResourceGroup(rg));
}

function find(core: SimCore, sub: string, name: string): ResourceGroupRec {
  checkSubscription(sub);
  const rg = core.state.resourceGroups.get(rgKey(sub, name));
  if (!rg) throw notFound('ResourceGroupNotFound', `Resource group '${name}' could not be found.`);
  return rg;
}

export function getResourceGroup(core: SimCore, sub: string, name: string, head: boolean): ArmReply {
  if (head) {
    checkSubscription(sub);
    return json(core.state.resourceGroups.has(rgKey(sub, name)) ? 204 : 404);
  }
  return json(200, renderResourceGroup(find(core, sub, name)));
}

export function patchResourceGroup(core: SimCore, req: ArmRequest, sub: string, name: string): ArmReply {
  const rg = find(core, sub, name);
  const body = req.body;
  if (!isObject(body)) throw invalidContent('The request body must be a JSON object');
  if (body.location !== undefined && normalizeLocation(body.location) !== rg.location) {
    throw conflict('InvalidResourceGroupLocation', `Invalid resource group location '${String(body.location)}'. The Resource group already exists in location '${rg.location}'.`);
  }
  if (body.tags !== undefined) rg.tags = checkTags(body.tags);
  if (typeof body.managedBy === 'string') rg.managedBy = body.managedBy;
  return json(200, renderResourceGroup(rg));
}

/**
 * 202 + Location, then 200 when gone. Running deployments are canceled, stamp apps stopped, and the group's
 * resources and deployment history disappear with it.
 */
export function deleteResourceGroup(core: SimCore, req: ArmRequest, sub: string, name: string): ArmReply {
  const rg = find(core, sub, name);
  const scope = { kind: 'resourceGroup' as const, subscription: sub, resourceGroup: rg.name };
  if (rg.provisioningState !== 'Deleting') {
    rg.provisioningState = 'Deleting';
    for (const d of core.state.deploymentsIn(scopeKey(scope)).values()) {
      if (!isActive(d)) continue;
      finish(core, d, 'Canceled');
      d.abort.abort(new Error('resource group deleted'));
    }
    let done = false;
    const removal = (async (): Promise<void> => {
      await core.clock.sleep(core.options.resourceGroupDeleteLatencyMs);
      for (const r of core.state.resourcesIn(scopeId(scope))) {
        core.state.resources.delete(r.id.toLowerCase());
        await core.apps.remove(r.id);
        await core.routers?.remove(r.id);
      }
      core.state.deployments.delete(scopeKey(scope));
      core.state.resourceGroups.delete(rgKey(sub, name));
      done = true;
    })().finally(() => core.running.delete(removal));
    core.running.add(removal);
    rgDeletions.set(rg, () => done);
  }
  const isDone = rgDeletions.get(rg)!;
  const id = core.locationOps.create({ final: () => (isDone() ? { status: 200 } : undefined) });
  return json(202, undefined, locationHeaders(core, scope, id, req.apiVersion));
}

const rgDeletions = new WeakMap<ResourceGroupRec, () => boolean>();

const TAG_FILTER = /^\s*tagName\s+eq\s+'([^']*)'(?:\s+and\s+tagValue\s+eq\s+'([^']*)')?\s*$/i;

export function listResourceGroups(core: SimCore, req: ArmRequest, sub: string): ArmReply {
  checkSubscription(sub);
  let all = [...core.state.resourceGroups.values()].filter((rg) => rg.subscription.toLowerCase() === sub.toLowerCase());
  const filter = req.query.get('$filter');
  if (filter !== null) {
    const m = TAG_FILTER.exec(filter);
    if (!m) throw badRequest('InvalidFilterInQueryString', `The filter '${filter}' is not supported. Use tagName eq '{name}' [and tagValue eq '{value}'].`);
    all = all.filter((rg) => {
      const entry = Object.entries(rg.tags ?? {}).find(([k]) => k.toLowerCase() === m[1].toLowerCase());
      return entry !== undefined && (m[2] === undefined || entry[1] === m[2]);
    });
  }
  return page(core, req, all.map(renderResourceGroup));
}

/** GET on a Location header: 202 (same Location) while running, then the operation's final answer. */
export function operationResult(core: SimCore, req: ArmRequest, id: string): ArmReply {
  const op = core.locationOps.get(id);
  if (!op) throw notFound('OperationNotFound', `The operation result '${id}' could not be found.`);
  const final = op.final();
  if (!final) {
    const h: Record<string, string> = { Location: `${core.endpoint}${req.path}?${req.query.toString()}` };
    if (core.options.lroRetryAfterSeconds > 0) h['Retry-After'] = String(core.options.lroRetryAfterSeconds);
    return json(202, undefined, h);
  }
  if (op.error) throw new ArmError(400, op.error.code, op.error.message);
  return json(final.status, final.body);
}
