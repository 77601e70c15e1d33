import type { ArmRequest, SimCore } from '../core.js';
import { ArmError } from '../errors.js';
import { prepareDeployment } from '../deploymentRequest.js';
import type { Scope } from '../ids.js';
import { callerPrincipal } from './principal.js';
import { stackStore, type StackRec } from './store.js';

/**
 * Deny settings of the stacks, enforced on the simulated resources as ARM's deny assignments are: a DELETE of a
 * managed resource (or of a resource group holding one) under denyDelete or denyWriteAndDelete, and a write to one
 * (PUT/PATCH of it, or a deployment that writes it) under denyWriteAndDelete, answer 403
 * DenyAssignmentAuthorizationFailed, unless the caller's principal (the token's oid) is in excludedPrincipals.
 * The stack's own updates are not refused (they never come through here). excludedActions are not evaluated.
 */
export function denyAssignmentCheck(core: SimCore, req: ArmRequest, segments: string[]): void {
  const stacks = [...stackStore(core.state).stacks.values()].filter((s) => s.denySettings.mode !== 'none' && s.resources.length > 0);
  if (stacks.length === 0) return;
  const l = segments.map((x) => x.toLowerCase());
  if (l.includes('deploymentstacks')) return;
  const path = `/${segments.join('/')}`.toLowerCase();
  const method = req.method;
  if (method === 'DELETE') {
    // The resource itself, what goes with it (children, or everything in a resource group).
    const hit = find(stacks, (id) => id === path || id.startsWith(`${path}/`), false);
    const denied = hit && refusal(req, hit, 'delete');
    if (denied) throw denied;
    return;
  }
  if (method !== 'PUT' && method !== 'PATCH') return;
  const dep = l.lastIndexOf('deployments');
  if (method === 'PUT' && dep >= 2 && l[dep - 1] === 'microsoft.resources' && dep === segments.length - 2) {
    const scope = scopeOf(segments.slice(0, dep - 2));
    if (!scope) return;
    let ids: string[];
    try {
      ids = prepareDeployment(core, scope, segments[dep + 1], req.body).plan.resources.map((r) => r.id.toLowerCase());
    } catch {
      return; // the deployment handler reports what is wrong with it
    }
    const hit = find(stacks, (id) => ids.includes(id), true);
    const denied = hit && refusal(req, hit, 'write');
    if (denied) throw denied;
    return;
  }
  if (!l.includes('providers')) return;
  const hit = find(stacks, (id) => id === path, true);
  const denied = hit && refusal(req, hit, 'write');
  if (denied) throw denied;
}

interface Hit {
  stack: StackRec;
  resource: string;
}

function find(stacks: StackRec[], matches: (id: string) => boolean, write: boolean): Hit | undefined {
  for (const stack of stacks) {
    if (write && stack.denySettings.mode !== 'denyWriteAndDelete') continue;
    const resource = stack.resources.find((r) => matches(r.toLowerCase()));
    if (resource) return { stack, resource };
  }
  return undefined;
}

function refusal(req: ArmRequest, hit: Hit, kind: 'delete' | 'write'): ArmError | undefined {
  const who = callerPrincipal(req.headers);
  if (who && hit.stack.denySettings.excludedPrincipals.some((p) => p.toLowerCase() === who.toLowerCase())) return undefined;
  const type = resourceType(hit.resource);
  const action = `${type}/${kind}`;
  const assignment = `Deny assignment of deployment stack '${hit.stack.name}'`;
  return new ArmError(
    403,
    'DenyAssignmentAuthorizationFailed',
    `The client '${who ?? 'unknown'}' with object id '${who ?? 'unknown'}' has permission to perform action '${action}' on scope '${hit.resource}'; however, the access is denied because of the deny assignment with name '${assignment}' and Id '${denyAssignmentId(hit.stack)}' at scope '${hit.stack.id}'.`,
  );
}

function resourceType(id: string): string {
  const p = id.split('/providers/').at(-1)!.split('/');
  return [p[0], ...p.slice(1).filter((_, i) => i % 2 === 0)].join('/');
}

/** Stable per stack: ARM names one deny assignment per stack and managed resource. */
function denyAssignmentId(stack: StackRec): string {
  const hex = Buffer.from(stack.id.toLowerCase()).toString('hex').padEnd(32, '0').slice(-32);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

function scopeOf(seg: string[]): Scope | undefined {
  const l = seg.map((x) => x.toLowerCase());
  if (l[0] !== 'subscriptions') return undefined;
  if (seg.length === 2) return { kind: 'subscription', subscription: seg[1] };
  if (seg.length === 4 && l[2] === 'resourcegroups') return { kind: 'resourceGroup', subscription: seg[1], resourceGroup: seg[3] };
  return undefined;
}
