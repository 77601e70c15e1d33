import { json, type ArmReply, type ArmRequest, type SimCore } from './core.js';
import { ArmError, invalidContent, notFound } from './errors.js';
import { checkSubscription, rgKey, type Scope } from './ids.js';
import * as dep from './deployments.js';
import * as rgs from './resourceGroups.js';
import { templateHash } from './format.js';
import { releaseUnitRoutes } from './frontdoor/routes.js';
import { deleteResource, listResources } from './resourceOps.js';
import { denyAssignmentCheck } from './stacks/deny.js';
import { stackRoutes } from './stacks/routes.js';

type Handler = (core: SimCore, req: ArmRequest) => ArmReply;
type Methods = Partial<Record<string, Handler>>;

const lower = (s: string | undefined): string => (s ?? '').toLowerCase();

/** The scope in front of `/providers/Microsoft.Resources/deployments`; undefined if it is not one ARM deploys to. */
function parseScope(seg: string[]): Scope | undefined {
  if (seg.length === 0) return { kind: 'tenant' };
  if (seg.length === 4 && lower(seg[0]) === 'providers' && lower(seg[1]) === 'microsoft.management' && lower(seg[2]) === 'managementgroups') {
    return { kind: 'managementGroup', groupId: seg[3] };
  }
  if (lower(seg[0]) !== 'subscriptions') return undefined;
  if (seg.length === 2) return { kind: 'subscription', subscription: seg[1] };
  if (seg.length === 4 && lower(seg[2]) === 'resourcegroups') return { kind: 'resourceGroup', subscription: seg[1], resourceGroup: seg[3] };
  return undefined;
}

function deploymentRoutes(scope: Scope, rest: string[]): Methods | undefined {
  const [name, action, id] = rest;
  if (rest.length === 0) return { GET: (c, r) => dep.listDeployments(c, r, scope) };
  if (rest.length === 1) {
    return {
      PUT: (c, r) => dep.putDeployment(c, r, scope, name),
      GET: (c) => dep.getDeployment(c, scope, name, false),
      HEAD: (c) => dep.getDeployment(c, scope, name, true),
      DELETE: (c, r) => dep.deleteDeployment(c, r, scope, name),
    };
  }
  const a = lower(action);
  if (rest.length === 2) {
    if (a === 'validate') return { POST: (c, r) => dep.validateDeployment(c, r, scope, name) };
    if (a === 'whatif') return { POST: (c, r) => dep.whatIfDeployment(c, r, scope, name) };
    if (a === 'cancel') return { POST: (c) => dep.cancelDeployment(c, scope, name) };
    if (a === 'exporttemplate') return { POST: (c) => dep.exportTemplate(c, scope, name) };
    if (a === 'operations') return { GET: (c, r) => dep.listOperations(c, r, scope, name) };
  }
  if (rest.length === 3 && a === 'operations') return { GET: (c, r) => dep.listOperations(c, r, scope, name, id) };
  if (rest.length === 3 && a === 'operationstatuses') return { GET: (c) => dep.operationStatus(c, scope, name, id) };
  return undefined;
}

function genericResource(sub: string | undefined, rg: string | undefined, id: string): Methods {
  const get = (c: SimCore, head: boolean): ArmReply => {
    if (sub !== undefined) checkSubscription(sub);
    if (rg !== undefined && sub !== undefined && !c.state.resourceGroups.has(rgKey(sub, rg))) throw notFound('ResourceGroupNotFound', `Resource group '${rg}' could not be found.`);
    const r = c.state.resources.get(id.toLowerCase());
    if (!r) {
      if (head) return json(404);
      throw notFound('ResourceNotFound', `The Resource '${id.split('/providers/')[1]}' under resource group '${rg ?? ''}' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix`);
    }
    if (head) return json(204);
    const out: Record<string, unknown> = { id: r.id, name: r.name, type: r.type };
    if (r.location) out.location = r.location;
    if (r.tags) out.tags = r.tags;
    Object.assign(out, r.topLevel);
    out.properties = r.properties;
    return json(200, out);
  };
  return { GET: (c) => get(c, false), HEAD: (c) => get(c, true), DELETE: (c) => deleteResource(c, sub, rg, id) };
}

/** Maps a path to the handlers of its methods; undefined for paths ARM would not know. */
export function route(segments: string[]): Methods | undefined {
  const s = segments;
  const l = s.map(lower);
  for (let i = l.length - 3; i >= 0; i--) {
    if (l[i] === 'providers' && l[i + 1] === 'microsoft.resources' && l[i + 2] === 'deployments') {
      const scope = parseScope(s.slice(0, i));
      return scope && deploymentRoutes(scope, s.slice(i + 3));
    }
  }
  if (l.length === 3 && l[0] === 'providers' && l[1] === 'microsoft.resources' && l[2] === 'calculatetemplatehash') {
    return {
      POST: (_c, r) => {
        if (r.body === undefined) throw invalidContent('The template is missing');
        return json(200, { minifiedTemplate: JSON.stringify(r.body), templateHash: templateHash(r.body) });
      },
    };
  }
  if (l.length === 4 && l[0] === 'providers' && l[1] === 'microsoft.resources' && l[2] === 'operationresults') {
    return { GET: (c, r) => rgs.operationResult(c, r, s[3]) };
  }
  // Resources of management-group and tenant deployments (management groups, policy definitions...), read and deleted by id.
  if (l[0] === 'providers' && l.length >= 4 && l.length % 2 === 0) return genericResource(undefined, undefined, `/${s.join('/')}`);
  if (l[0] !== 'subscriptions' || l.length < 2) return undefined;
  const sub = s[1];
  if (l.length === 2) {
    return {
      GET: (c) => {
        checkSubscription(sub);
        return json(200, { id: `/subscriptions/${sub}`, subscriptionId: sub, tenantId: c.options.tenantId, displayName: 'Simulated subscription', state: 'Enabled' });
      },
    };
  }
  if (l.length === 4 && l[2] === 'operationresults') return { GET: (c, r) => rgs.operationResult(c, r, s[3]) };
  if (l[2] === 'resourcegroups') {
    if (l.length === 3) return { GET: (c, r) => rgs.listResourceGroups(c, r, sub) };
    const rg = s[3];
    if (l.length === 4) {
      return {
        PUT: (c, r) => rgs.putResourceGroup(c, r, sub, rg),
        GET: (c) => rgs.getResourceGroup(c, sub, rg, false),
        HEAD: (c) => rgs.getResourceGroup(c, sub, rg, true),
        PATCH: (c, r) => rgs.patchResourceGroup(c, r, sub, rg),
        DELETE: (c, r) => rgs.deleteResourceGroup(c, r, sub, rg),
      };
    }
    if (l.length === 5 && l[4] === 'resources') return { GET: (c) => listResources(c, sub, rg) };
    // Resource-group deployment operations have no provider segment.
    if (l[4] === 'deployments' && l.length >= 7 && l[6] === 'operations' && l.length <= 8) {
      return deploymentRoutes({ kind: 'resourceGroup', subscription: sub, resourceGroup: rg }, s.slice(5));
    }
    if (l[4] === 'providers' && l.length >= 8 && l.length % 2 === 0) {
      return genericResource(sub, rg, `/${s.join('/')}`);
    }
    return undefined;
  }
  if (l[2] === 'providers' && l.length >= 6 && l.length % 2 === 0) return genericResource(sub, undefined, `/${s.join('/')}`);
  return undefined;
}

export function dispatch(core: SimCore, req: ArmRequest, segments: string[]): ArmReply {
  denyAssignmentCheck(core, req, segments);
  const special = stackRoutes(segments) ?? releaseUnitRoutes(segments);
  const methods = special && special[req.method] ? special : route(segments);
  if (!methods) {
    throw new ArmError(404, 'InvalidResourceType', `The resource type could not be found for the path '${req.path}' (not served by the local ARM simulator).`);
  }
  const handler = methods[req.method];
  if (!handler) {
    throw new ArmError(405, 'MethodNotAllowed', `The requested resource does not support http method '${req.method}'. Allowed: ${Object.keys(methods).join(', ')}.`);
  }
  return handler(core, req);
}

