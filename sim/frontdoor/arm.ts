import { json, type ArmReply, type ArmRequest, type SimCore } from '../core.js';
import { ArmError } from '../errors.js';
import { checkSubscription, rgKey } from '../ids.js';

/**
 * The Microsoft.Cdn operations the generic resource handler does not cover: listing the origins of an origin group
 * (what `afdOrigins.listByOriginGroup` reads) and deleting an origin (a unit's entries leaving Front Door). Both
 * answer in ARM's shapes of api-version 2024-02-01.
 */
const lower = (s: string): string => s.toLowerCase();

export function listOrigins(core: SimCore, _req: ArmRequest, sub: string, rg: string, groupId: string): ArmReply {
  checkSubscription(sub);
  if (!core.state.resourceGroups.has(rgKey(sub, rg))) throw new ArmError(404, 'ResourceGroupNotFound', `Resource group '${rg}' could not be found.`);
  if (!core.state.resources.has(lower(groupId))) throw new ArmError(404, 'NotFound', `The origin group '${groupId.split('/').pop()}' was not found.`);
  const value = [...core.state.resources.values()]
    .filter((r) => lower(r.type) === 'microsoft.cdn/profiles/origingroups/origins' && lower(r.id).startsWith(`${lower(groupId)}/origins/`))
    .map((r) => ({
      id: r.id,
      type: 'Microsoft.Cdn/profiles/origingroups/origins',
      name: r.name.split('/').pop(),
      properties: {
        httpPort: 80,
        httpsPort: 443,
        priority: 1,
        weight: 50,
        enabledState: 'Enabled',
        enforceCertificateNameCheck: true,
        ...r.properties,
        originGroupName: groupId.split('/').pop(),
        deploymentStatus: 'NotStarted',
        provisioningState: 'Succeeded',
      },
    }));
  return json(200, { value });
}

export function deleteResource(core: SimCore, sub: string, rg: string, id: string): ArmReply {
  checkSubscription(sub);
  if (!core.state.resourceGroups.has(rgKey(sub, rg))) throw new ArmError(404, 'ResourceGroupNotFound', `Resource group '${rg}' could not be found.`);
  const prefix = lower(id);
  let found = false;
  for (const key of [...core.state.resources.keys()]) {
    if (key === prefix || key.startsWith(`${prefix}/`)) {
      core.state.resources.delete(key);
      found = true;
    }
  }
  void core.frontDoor.removeUnder(id);
  return json(found ? 200 : 204);
}
