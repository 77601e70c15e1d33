import { json, type ArmReply, type SimCore } from './core.js';
import { notFound } from './errors.js';
import { checkSubscription, rgKey } from './ids.js';

/**
 * DELETE of one resource by id, as ARM's generic resource API: 200 when it was there (its stamp app stops), 204 when
 * it was not. Child resources (ids under it) go with it, as ARM deletes a parent's children. Synchronous here; ARM
 * may answer 202 for some types.
 */
export function deleteResource(core: SimCore, sub: string | undefined, rg: string | undefined, id: string): ArmReply {
  // Undefined for a management-group or tenant resource: its id names no subscription.
  if (sub !== undefined) checkSubscription(sub);
  if (rg !== undefined && sub !== undefined && !core.state.resourceGroups.has(rgKey(sub, rg))) throw notFound('ResourceGroupNotFound', `Resource group '${rg}' could not be found.`);
  const key = id.toLowerCase();
  const doomed = [...core.state.resources.values()].filter((r) => r.id.toLowerCase() === key || r.id.toLowerCase().startsWith(`${key}/`));
  if (doomed.length === 0) return json(204);
  for (const r of doomed) {
    core.state.resources.delete(r.id.toLowerCase());
    void core.apps.remove(r.id);
  }
  return json(200);
}

/** GET .../resourceGroups/{rg}/resources: every resource in the group (one page; enough for the tests' groups). */
export function listResources(core: SimCore, sub: string, rg: string): ArmReply {
  checkSubscription(sub);
  if (!core.state.resourceGroups.has(rgKey(sub, rg))) throw notFound('ResourceGroupNotFound', `Resource group '${rg}' could not be found.`);
  const prefix = `/subscriptions/${sub}/resourceGroups/${rg}/`.toLowerCase();
  const value = [...core.state.resources.values()]
    .filter((r) => r.id.toLowerCase().startsWith(prefix))
    .map((r) => ({ id: r.id, name: r.name, type: r.type, ...(r.location ? { location: r.location } : {}), ...(r.tags ? { tags: r.tags } : {}) }));
  return json(200, { value });
}
