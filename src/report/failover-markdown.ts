/** The failover command's outcome for the job summary: what was decided, why, and the state entity after it. */
import type { FailoverOutcome } from '../commands/failover.js';
import type { FailoverRecord } from '../engine/failover/ports.js';
import { entityView } from './failover-text.js';
import { markdownCell } from './format.js';

export function failoverMarkdown(outcome: FailoverOutcome): string {
  const parts: string[] = [];
  let record: FailoverRecord;
  if ('decision' in outcome) {
    const d = outcome.decision;
    parts.push(d.changed ? `## Failover: traffic switched to ${d.activeTarget}` : `## Failover: no change (\`${d.reason}\`)`, '', markdownCell(d.detail), '');
    if (d.probes.length > 0) {
      parts.push('### Probes', '', ...rows(['target', 'verdict', 'answer'], d.probes.map((p) => [p.target, p.answer.healthy ? 'healthy' : 'unhealthy', p.answer.detail])), '');
    }
    if (d.error) parts.push(`**Error:** \`${d.error.code}\`: ${markdownCell(d.error.message)}${d.error.correlationId ? ` (correlation id \`${d.error.correlationId}\`)` : ''}`, '');
    record = d.record;
  } else {
    parts.push(outcome.kind === 'init' ? (outcome.created ? '## Failover state created' : '## Failover state already exists (unchanged)') : '## Failover state', '');
    record = outcome.record;
  }
  parts.push(`### State entity (${markdownCell(outcome.location)})`, '', ...rows(['property', 'value'], Object.entries(entityView(record)).map(([k, v]) => [k, String(v)])), '');
  return parts.join('\n');
}

function rows(header: string[], body: string[][]): string[] {
  const line = (cells: string[]): string => `| ${cells.map(markdownCell).join(' | ')} |`;
  return [line(header), `|${header.map(() => ' --- ').join('|')}|`, ...body.map(line)];
}
