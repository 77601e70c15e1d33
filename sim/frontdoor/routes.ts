import type { ArmReply, ArmRequest, SimCore } from '../core.js';
import { metricsReply } from '../metrics/api.js';
import { deleteResource, listOrigins, patchOrigin } from './arm.js';

type Handler = (core: SimCore, req: ArmRequest) => ArmReply;

/**
 * Paths served for release units, ahead of the generic resource handler: Azure Monitor metrics of any resource,
 * the origins of a Front Door origin group, and DELETE of Front Door child resources.
 */
export function releaseUnitRoutes(s: string[]): Partial<Record<string, Handler>> | undefined {
  const l = s.map((x) => x.toLowerCase());
  const n = l.length;
  if (n >= 5 && l[n - 3] === 'providers' && l[n - 2] === 'microsoft.insights' && l[n - 1] === 'metrics') {
    const resourceUri = `/${s.slice(0, n - 3).join('/')}`;
    return { GET: (c, r) => metricsReply(c, r, resourceUri) };
  }
  if (l[0] !== 'subscriptions' || l[2] !== 'resourcegroups' || l[4] !== 'providers' || l[5] !== 'microsoft.cdn' || l[6] !== 'profiles') return undefined;
  const [sub, rg] = [s[1], s[3]];
  // .../profiles/P/originGroups/G/origins: the list; .../origins/O or any deeper child: also DELETE.
  if (n === 11 && l[8] === 'origingroups' && l[10] === 'origins') {
    return { GET: (c, r) => listOrigins(c, r, sub, rg, `/${s.slice(0, 10).join('/')}`) };
  }
  const id = `/${s.join('/')}`;
  if (n === 12 && l[8] === 'origingroups' && l[10] === 'origins') return { DELETE: (c) => deleteResource(c, sub, rg, id), PATCH: (c, r) => patchOrigin(c, r, sub, rg, id) };
  if (n >= 10 && n % 2 === 0) return { DELETE: (c) => deleteResource(c, sub, rg, id) };
  return undefined;
}
