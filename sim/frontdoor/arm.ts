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

/** PATCH of an origin (AFDOriginUpdateParameters): the given properties change, the rest stays; 200 with the origin. */
export function patchOrigin(core: SimCore, req: ArmRequest, sub: string, rg: string, id: string): ArmReply {
  checkSubscription(sub);
  if (!core.state.resourceGroups.has(rgKey(sub, rg))) throw new ArmError(404, 'ResourceGroupNotFound', `Resource group '${rg}' could not be found.`);
  const origin = core.state.resources.get(lower(id));
  if (!origin) throw new ArmError(404, 'NotFound', `The origin '${id.split('/').pop()}' was not found.`);
  const body = req.body as { properties?: Record<string, unknown> } | undefined;
  const changes = body?.properties ?? {};
  if (changes.weight !== undefined && (!Number.isInteger(changes.weight) || (changes.weight as number) < 1 || (changes.weight as number) > 1000)) {
    throw new ArmError(400, 'BadRequest', 'The weight of an origin must be an integer between 1 and 1000.');
  }
  if (changes.enabledState !== undefined && changes.enabledState !== 'Enabled' && changes.enabledState !== 'Disabled') {
    throw new ArmError(400, 'BadRequest', "The enabledState of an origin must be 'Enabled' or 'Disabled'.");
  }
  origin.properties = { ...origin.properties, ...changes, provisioningState: 'Succeeded' };
  return json(200, { id: origin.id, type: 'Microsoft.Cdn/profiles/origingroups/origins', name: origin.name.split('/').pop(), properties: { ...origin.properties, deploymentStatus: 'NotStarted' } });
}
