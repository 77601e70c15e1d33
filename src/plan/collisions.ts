import type { SpecProblem } from '../spec/problems.js';
import type { SpecSource } from '../spec/source.js';
import type { ResolvedStamp } from '../spec/types.js';
import { canonicalJson } from './hash.js';
import { deploymentName, scopeWhere } from './names.js';

/**
 * Two stamps that would overwrite each other in ARM: the same deployment name at the same scope (ARM keeps one record
 * per name: the second PUT replaces the first, and a rollback would restore the wrong one), or the same template with
 * the same parameters in the same resource group (the second region redeploys the first one's resources), as when two
 * regions share a `short`. Each problem names both stamps.
 */
export function findCollisions(stamps: ResolvedStamp[], context: { name: string; version: string; source: SpecSource }): SpecProblem[] {
  const { source } = context;
  const problems: SpecProblem[] = [];
  const byName = new Map<string, ResolvedStamp>();
  const byContent = new Map<string, ResolvedStamp>();
  for (const stamp of stamps) {
    const name = stamp.deploymentName ?? deploymentName(context.name, stamp.component, stamp.region, context.version);
    const where = scopeWhere(stamp);
    const scopeKey = `${stamp.scope}|${stamp.scope === 'tenant' || stamp.scope === 'managementGroup' ? '' : stamp.subscription.toLowerCase()}|${(stamp.resourceGroup ?? stamp.managementGroup ?? '').toLowerCase()}`;
    const nameKey = `${scopeKey}|${name.toLowerCase()}`;
    const sameName = byName.get(nameKey);
    if (sameName) {
      const custom = stamp.deploymentName !== undefined;
      problems.push(
        source.problem(
          ['components', stamp.component, ...(custom ? ['deploymentName'] : [])],
          `${sameName.id} and ${stamp.id} would both write deployment "${name}" in ${where}`,
          custom ? 'put {region} (and {component}, if components share it) in deploymentName' : 'give the components or regions distinct names',
        ),
      );
      continue;
    }
    byName.set(nameKey, stamp);
    const contentKey = `${scopeKey}|${stamp.template.path}|${canonicalJson(regionFree(stamp.parameters, stamp))}`;
    const sameContent = byContent.get(contentKey);
    if (sameContent) {
      const regions = !sameContent.global && !stamp.global ? ` (regions ${sameContent.region} and ${stamp.region} resolve to the same names; do they share a short?)` : '';
      problems.push(
        source.problem(
          ['components', stamp.component, stamp.resourceGroup !== undefined ? 'resourceGroup' : 'template'],
          `${sameContent.id} and ${stamp.id} would deploy ${stamp.template.path} with the same parameters into ${where}${regions}`,
          'give each region its own resource group or resource names, e.g. resourceGroup: "app-{region}" or distinct regions.NAME.short',
        ),
      );
      continue;
    }
    byContent.set(contentKey, stamp);
  }
  return problems;
}

/**
 * Parameters with the stamp's own region and location left out: `location: "{region}"` differs between regions, but
 * it does not keep two regions' resources apart when their names are the same.
 */
function regionFree(parameters: ResolvedStamp['parameters'], stamp: ResolvedStamp): unknown {
  const words = [...new Set([stamp.region, stamp.location].filter(Boolean))];
  const scrub = (value: unknown): unknown => {
    if (typeof value === 'string') return words.includes(value) ? '{region}' : value;
    if (Array.isArray(value)) return value.map(scrub);
    if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrub(v)]));
    return value;
  };
  return Object.fromEntries(Object.entries(parameters).map(([k, p]) => [k.toLowerCase(), p.secure ? p.source : scrub(p.value ?? p.reference)]));
}
