/**
 * Release units in the reports: per traffic step the weights set, the traffic observed per unit, the metric
 * verdicts; then the teardown's checks and what it removed. One table builder for the terminal and the job summary.
 */
import type { MetricVerdict } from '../engine/metric-analysis.js';
import type { RolloutEvent } from '../engine/ports.js';
import type { ReleaseUnitResult } from '../engine/release-unit/events.js';
import type { RolloutResult } from '../engine/result.js';
import { formatDuration } from '../time/duration.js';
import { markdownCell, table } from './format.js';

const verdicts = (list: MetricVerdict[]): string => (list.length === 0 ? '-' : list.map((v) => `${v.metric} ${v.outcome}: ${v.detail}`).join('; '));

function stepRows(unit: ReleaseUnitResult): string[][] {
  return unit.steps.map((s) => {
    const observed = s.observed ? Object.entries(s.observed).map(([u, c]) => `${u} ${c.requests} req / ${c.errors} 5xx`).join(', ') : '-';
    return [
      `${s.weight}%`,
      unit.previousUnit ? `${unit.previousUnit} ${100 - s.weight} / ${unit.unit} ${s.weight}` : `${unit.unit} ${s.weight}`,
      s.status,
      formatDuration(s.bakeMs),
      observed,
      s.observedShare === undefined ? '-' : `${s.observedShare}%`,
      verdicts(s.verdicts),
    ];
  });
}

const HEADER = ['step', 'weights', 'status', 'bake', 'observed traffic', 'new unit share', 'metric verdicts'];

export function releaseUnitText(result: RolloutResult): string[] {
  const unit = result.releaseUnit;
  if (!unit) return [];
  if (unit.strategy === 'inPlace') return [`Release unit ${unit.unit}: in place (hotfix into the live unit, no traffic step)`, ''];
  const lines = [`Release unit ${unit.unit}${unit.previousUnit ? ` replacing ${unit.previousUnit}` : ''}`];
  lines.push(...table(HEADER, stepRows(unit)).map((l) => `  ${l}`));
  if (unit.reverted) lines.push(`  REVERTED: ${unit.reverted.reason}`);
  if (unit.teardown) {
    lines.push(`Teardown of ${unit.previousUnit}: ${unit.teardown.status}; checks: ${verdicts(unit.teardown.checks)}; removed: ${unit.teardown.removedGroups.join(', ') || 'nothing'}`);
  }
  return [...lines, ''];
}

export function releaseUnitMarkdown(result: RolloutResult): string[] {
  const unit = result.releaseUnit;
  if (!unit) return [];
  if (unit.strategy === 'inPlace') return [`### Release unit ${markdownCell(unit.unit)}: in place`, '', 'A hotfix into the live unit: no new unit, no traffic step.', ''];
  const out = [`### Release unit ${markdownCell(unit.unit)}${unit.previousUnit ? ` replacing ${markdownCell(unit.previousUnit)}` : ''}`, ''];
  out.push(`| ${HEADER.join(' | ')} |`, `|${HEADER.map(() => '---').join('|')}|`, ...stepRows(unit).map((r) => `| ${r.map(markdownCell).join(' | ')} |`), '');
  if (unit.reverted) out.push(`**Reverted**: ${markdownCell(unit.reverted.reason)}`, '');
  if (unit.teardown) {
    out.push(`**Teardown** of ${markdownCell(unit.previousUnit ?? '')}: ${unit.teardown.status}`, '', `- checks: ${markdownCell(verdicts(unit.teardown.checks))}`, `- removed: ${markdownCell(unit.teardown.removedGroups.join(', ') || 'nothing')}`, '');
  }
  return out;
}

export function releaseUnitProgress(event: RolloutEvent, line: (text: string) => string): string | undefined {
  switch (event.type) {
    case 'traffic-step-started':
      return line(`traffic ${event.weight}% to ${event.unit} (${100 - event.weight}% stays on ${event.previousUnit})${event.resumed ? ', resumed' : ''}; judged for ${formatDuration(event.bakeMs)}`);
    case 'traffic-verdicts':
      return event.verdicts.some((v) => v.outcome === 'unhealthy') ? line(`${event.unit} at ${event.weight}%: ${verdicts(event.verdicts)}`) : undefined;
    case 'traffic-step-finished':
      return line(`traffic step ${event.weight}% ${event.ok ? 'passed' : 'FAILED'}: ${Object.entries(event.observed).map(([u, c]) => `${u} ${c.requests} req / ${c.errors} 5xx`).join(', ')}`);
    case 'traffic-reverted':
      return line(`all traffic back on ${event.previousUnit}: ${event.reason}`);
    case 'teardown-check':
      return line(`teardown of ${event.unit}: ${verdicts(event.verdicts)}`);
    case 'teardown-finished':
      return line(`unit ${event.unit} torn down: ${event.groups.join(', ')}`);
    default:
      return undefined;
  }
}
