import type { TeardownResult } from '../commands/teardown.js';
import type { TeardownItem } from '../azure/teardown.js';

const label = (kind: TeardownItem['kind']): string => (kind === 'resourceGroup' ? 'resource group' : kind === 'stack' ? 'deployment stack' : 'resource');

/** The teardown plan (and what was done): every resource and resource group, in deletion order, and what stays. */
export function teardownText(result: TeardownResult): string {
  const lines = [`Teardown of ${result.stamps.length} stamp(s): ${result.stamps.join(', ') || 'none'}`];
  const going = result.plan.items.filter((i) => !i.kept);
  const kept = result.plan.items.filter((i) => i.kept);
  lines.push(`${result.removed ? 'Deleted' : 'Would delete'} (in this order):`);
  for (const i of going) lines.push(`  - ${label(i.kind)} ${i.id} (${i.stamp}${i.withStack ? `, with stack ${i.withStack}` : ''})`);
  if (going.length === 0) lines.push('  nothing');
  if (kept.length > 0) {
    lines.push('Kept:');
    for (const i of kept) lines.push(`  = ${label(i.kind)} ${i.id}: ${i.kept}`);
  }
  if (!result.removed) lines.push('(dry run: nothing deleted)');
  return lines.join('\n');
}
