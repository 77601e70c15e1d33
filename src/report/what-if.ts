import { WHAT_IF_TYPES, type StampWhatIf, type WhatIfChangeType } from '../plan/what-if.js';
import { markdownCell } from './format.js';

/** ARM what-if per stamp, grouped by change type, with Modify's property diffs before -> after: terminal and summary. */

const SYMBOL: Record<WhatIfChangeType, string> = { Create: '+', Modify: '~', Delete: '-', Deploy: '!', NoChange: '=', Ignore: '*', Unsupported: 'x' };

const shown = (v: unknown): string => (v === undefined ? '(none)' : JSON.stringify(v));
const shortId = (id: string): string => id.replace(/^\/subscriptions\/[^/]+(\/resourceGroups\/[^/]+)?\/providers\//i, '');

function groups(r: StampWhatIf): Array<[WhatIfChangeType, StampWhatIf['changes']]> {
  return WHAT_IF_TYPES.map((t) => [t, r.changes.filter((c) => c.changeType === t)] as [WhatIfChangeType, StampWhatIf['changes']]).filter(([, list]) => list.length > 0);
}

function counts(r: StampWhatIf): string {
  return groups(r).map(([t, list]) => `${list.length} ${t}`).join(', ') || 'no changes shown';
}

export function whatIfText(results: StampWhatIf[]): string {
  if (results.length === 0) return 'What-if: no stamp to deploy.';
  const lines = ['What-if (ARM predicts, per stamp that would deploy):'];
  for (const r of results) {
    lines.push(`  ${r.stamp} (stage ${r.stage}, ${r.deploymentName}): ${r.error ? `what-if failed: ${r.error.code}: ${r.error.message}${r.error.correlationId ? ` (correlation id ${r.error.correlationId})` : ''}` : counts(r)}`);
    if (r.note) lines.push(`    ${r.note}`);
    for (const [type, list] of groups(r)) {
      lines.push(`    ${type}:`);
      for (const c of list) {
        lines.push(`      ${SYMBOL[type]} ${shortId(c.resourceId)}`);
        for (const d of c.delta ?? []) lines.push(`          ${d.path}: ${shown(d.before)} => ${shown(d.after)}`);
      }
    }
  }
  return lines.join('\n');
}

export function whatIfMarkdown(results: StampWhatIf[]): string {
  const out = ['### What-if', ''];
  if (results.length === 0) return [...out, 'No stamp to deploy.', ''].join('\n');
  for (const r of results) {
    out.push(`#### ${markdownCell(r.stamp)} (stage ${markdownCell(r.stage)}): ${r.error ? 'what-if failed' : markdownCell(counts(r))}`, '');
    if (r.error) {
      out.push(`> **${markdownCell(r.error.code)}**: ${markdownCell(r.error.message)}${r.error.correlationId ? ` (correlation id \`${r.error.correlationId}\`)` : ''}`, '');
      continue;
    }
    if (r.note) out.push(markdownCell(r.note), '');
    for (const [type, list] of groups(r)) {
      out.push(`**${type}** (${list.length})`, '');
      for (const c of list) {
        out.push(`- \`${shortId(c.resourceId)}\``);
        for (const d of c.delta ?? []) out.push(`  - \`${d.path}\`: \`${markdownCell(shown(d.before))}\` → \`${markdownCell(shown(d.after))}\``);
      }
      out.push('');
    }
  }
  return out.join('\n');
}
