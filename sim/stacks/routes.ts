import type { ArmReply, ArmRequest, SimCore } from '../core.js';
import type { Scope } from '../ids.js';
import { deleteStack, exportStackTemplate, getStack, listStacks, putStack, stackOperationStatus } from './handlers.js';

type Handler = (core: SimCore, req: ArmRequest) => ArmReply;

/**
 * Paths of Microsoft.Resources/deploymentStacks at resource-group and subscription scope, ahead of the generic
 * resource handler (which would take a stack for a plain resource).
 */
export function stackRoutes(s: string[]): Partial<Record<string, Handler>> | undefined {
  const l = s.map((x) => x.toLowerCase());
  const at = l.findIndex((x, i) => x === 'providers' && l[i + 1] === 'microsoft.resources' && l[i + 2] === 'deploymentstacks');
  if (at < 0 || l[0] !== 'subscriptions') return undefined;
  let scope: Scope;
  if (at === 2) scope = { kind: 'subscription', subscription: s[1] };
  else if (at === 4 && l[2] === 'resourcegroups') scope = { kind: 'resourceGroup', subscription: s[1], resourceGroup: s[3] };
  else return undefined;
  const [name, action, id] = s.slice(at + 3);
  const rest = s.length - (at + 3);
  if (rest === 0) return { GET: (c, r) => listStacks(c, r, scope) };
  if (rest === 1) {
    return { PUT: (c, r) => putStack(c, r, scope, name), GET: (c) => getStack(c, scope, name), DELETE: (c, r) => deleteStack(c, r, scope, name) };
  }
  if (rest === 2 && action.toLowerCase() === 'exporttemplate') return { POST: (c) => exportStackTemplate(c, scope, name) };
  if (rest === 3 && action.toLowerCase() === 'operationstatuses') return { GET: (c) => stackOperationStatus(c, scope, name, id) };
  return undefined;
}
