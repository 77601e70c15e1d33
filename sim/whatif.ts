import type { SimCore } from './core.js';
import { scopeId, type Scope } from './ids.js';
import type { PlannedResource } from './template/evaluate.js';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

interface PropertyChange {
  path: string;
  propertyChangeType: 'Create' | 'Delete' | 'Modify' | 'Array';
  before?: unknown;
  after?: unknown;
  children?: PropertyChange[];
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** Differences on the paths the template sets: properties Azure adds itself (host names, states) are not changes. */
function diff(before: unknown, after: unknown, path: string, out: PropertyChange[]): void {
  if (isObject(after) && isObject(before)) {
    for (const [k, v] of Object.entries(after)) {
      const p = path ? `${path}.${k}` : k;
      if (k in before) diff(before[k], v, p, out);
      // ARM reports new leaves one by one (`tags.myNewTag`), not the object that holds them.
      else if (isObject(v) && Object.keys(v).length > 0) diff({}, v, p, out);
      else out.push({ path: p, propertyChangeType: 'Create', after: v });
    }
    return;
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    if (!same(before, after)) out.push({ path, propertyChangeType: 'Array', children: arrayChanges(before, after) });
    return;
  }
  if (!same(before, after)) out.push({ path, propertyChangeType: 'Modify', before, after });
}

/**
 * ARM reports a changed array as one `Array` change whose children are its elements by index (path "0", "1", ...):
 * an element changed inside is a `Modify` whose own children have paths relative to it. Elements are compared by
 * position (ARM also matches moved elements; no template here reorders an array).
 */
function arrayChanges(before: unknown[], after: unknown[]): PropertyChange[] {
  const children: PropertyChange[] = [];
  for (let i = 0; i < Math.max(before.length, after.length); i++) {
    const path = String(i);
    if (i >= after.length) children.push({ path, propertyChangeType: 'Delete', before: before[i] });
    else if (i >= before.length) children.push({ path, propertyChangeType: 'Create', after: after[i] });
    else if (!same(before[i], after[i])) {
      const nested = (isObject(before[i]) && isObject(after[i])) || (Array.isArray(before[i]) && Array.isArray(after[i]));
      if (!nested) children.push({ path, propertyChangeType: 'Modify', before: before[i], after: after[i] });
      else {
        const inner: PropertyChange[] = [];
        diff(before[i], after[i], '', inner);
        children.push(Array.isArray(after[i]) ? { ...inner[0], path } : { path, propertyChangeType: 'Modify', children: inner });
      }
    }
  }
  return children;
}

/**
 * What-if against what earlier deployments left in the scope: Create for new resources, Modify / NoChange for
 * existing ones, and for resources the template does not mention Ignore (Incremental) or Delete (Complete).
 */
export function whatIf(core: SimCore, scope: Scope, resources: PlannedResource[], mode: string, resultFormat: string): Record<string, unknown> {
  const idOnly = resultFormat.toLowerCase() === 'resourceidonly';
  const changes: Record<string, unknown>[] = [];
  const stateOf = (id: string): Record<string, unknown> | undefined => {
    const r = core.state.resources.get(id.toLowerCase());
    if (r) return { id: r.id, name: r.name, type: r.type, apiVersion: r.apiVersion, location: r.location, tags: r.tags, ...r.topLevel, properties: r.properties };
    const m = /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)$/i.exec(id);
    const rg = m && core.state.resourceGroups.get(`${m[1]}/${m[2]}`.toLowerCase());
    if (rg) return { id, name: rg.name, type: 'Microsoft.Resources/resourceGroups', apiVersion: '2025-04-01', location: rg.location, tags: rg.tags };
    return undefined;
  };
  const strip = (o: Record<string, unknown>): Record<string, unknown> => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
  for (const r of resources) {
    // sku, kind, identity, plan, zones, managedBy sit beside properties, and a change to them is a Modify like any other.
    const after = strip({ id: r.id, name: r.name, type: r.type, apiVersion: r.apiVersion, location: r.location, tags: r.tags, ...r.topLevel, properties: r.properties });
    const before = stateOf(r.id);
    if (!before) {
      changes.push(idOnly ? { resourceId: r.id, changeType: 'Create' } : { resourceId: r.id, changeType: 'Create', after });
      continue;
    }
    const delta: PropertyChange[] = [];
    const { id: _i, name: _n, type: _t, apiVersion: _a, ...desired } = after;
    diff(strip(before), desired, '', delta);
    const changeType = delta.length > 0 ? 'Modify' : 'NoChange';
    if (idOnly) changes.push({ resourceId: r.id, changeType });
    else changes.push({ resourceId: r.id, changeType, before: strip(before), after: { ...strip(before), ...after }, ...(delta.length > 0 ? { delta } : {}) });
  }
  if (scope.kind === 'resourceGroup') {
    const planned = new Set(resources.map((r) => r.id.toLowerCase()));
    for (const existing of core.state.resourcesIn(scopeId(scope))) {
      if (planned.has(existing.id.toLowerCase())) continue;
      const changeType = mode === 'Complete' ? 'Delete' : 'Ignore';
      const before = stateOf(existing.id)!;
      changes.push(idOnly ? { resourceId: existing.id, changeType } : { resourceId: existing.id, changeType, before: strip(before) });
    }
  }
  return { status: 'Succeeded', properties: { changes } };
}
