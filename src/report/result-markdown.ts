import type { RolloutResult, StampResult, VerdictSummary } from '../engine/result.js';
import { formatDuration } from '../time/duration.js';
import { markdownCell, readableDuration } from './format.js';
import { releaseUnitMarkdown } from './release-unit.js';
import { correlationLines } from './result-text.js';

const STATUS_ICON: Record<string, string> = { succeeded: '✅', failed: '❌', 'rolled-back': '↩️', canceled: '⏹️' };

/** The job summary of a deploy (headed with `heading` in a stage job): per-stage tables, a gantt of the timeline, and every failure with ARM's own words. */
export function resultMarkdown(result: RolloutResult, heading?: string): string {
  const out = [
    `## ${STATUS_ICON[result.status] ?? ''} ${heading ? markdownCell(heading) : `Rollout ${markdownCell(result.rolloutId)} (${result.mode}): ${result.status}`}`,
    '',
    markdownCell(result.message),
    '',
  ];
  const correlation = correlationLines(result);
  if (correlation.length > 0) out.push(...correlation.map((l) => `${markdownCell(l)}  `), '');
  const failures = result.stages.flatMap((s) => s.stamps.filter((x) => x.error).map((x) => ({ stage: s.name, stamp: x })));
  if (failures.length > 0) {
    out.push('### Failures', '', '| stage | stamp | code | message | correlation id |', '|---|---|---|---|---|');
    for (const f of failures) out.push(`| ${f.stage} | ${markdownCell(f.stamp.id)} | \`${f.stamp.error!.code}\` | ${markdownCell(f.stamp.error!.message)} | ${f.stamp.error!.correlationId ?? '-'} |`);
    out.push('');
  }
  for (const stage of result.stages) {
    out.push(
      `### Stage ${stage.index + 1}: ${markdownCell(stage.name)}: ${stage.status}${stage.bake ? `, baked ${formatDuration(stage.bake.ms)}` : ''}`,
      '',
      '| stamp | decision | deploy time | health | re-check | rollback |',
      '|---|---|---|---|---|---|',
      ...stage.stamps.map((s) => `| ${markdownCell(s.id)} | ${decision(s)} | ${s.durationMs === undefined ? '-' : readableDuration(s.durationMs)} | ${verdict(s.probe)} | ${verdict(s.recheck)} | ${s.rollback ? `${s.rollback.outcome}${s.rollback.to ? ` to \`${s.rollback.to}\`` : ''}` : '-'} |`),
      '',
    );
  }
  out.push(...releaseUnitMarkdown(result));
  out.push('### Timeline', '', '```mermaid', ...gantt(result), '```', '');
  return out.join('\n');
}

function decision(s: StampResult): string {
  if (s.status === 'skipped') return `skipped: ${markdownCell(s.decision.detail)}`;
  return s.status === 'deployed' ? 'deployed' : s.status;
}

function verdict(v: VerdictSummary | undefined): string {
  if (!v) return '-';
  return `${v.healthy ? 'healthy' : `**unhealthy** (${v.phase})`}, ${v.probes} probe${v.probes === 1 ? '' : 's'}${v.healthy ? '' : `: ${markdownCell(v.detail)}`}`;
}

function gantt(result: RolloutResult): string[] {
  const lines = ['gantt', '  dateFormat x', '  axisFormat %H:%M'];
  for (const stage of result.stages) {
    if (stage.startedAt === undefined) continue;
    lines.push(`  section ${stage.name.replace(/[:#]/g, ' ')}`);
    for (const stamp of stage.stamps) {
      if (stamp.startedAt === undefined || stamp.durationMs === undefined) continue;
      const tag = stamp.status === 'failed' ? 'crit, ' : '';
      lines.push(`  ${stamp.id.replace(/[:#]/g, ' ')} deploy :${tag}${stamp.startedAt}, ${stamp.startedAt + Math.max(1, stamp.durationMs)}`);
      if (stamp.probe) lines.push(`  ${stamp.id.replace(/[:#]/g, ' ')} health :${stamp.probe.healthy ? '' : 'crit, '}${stamp.probe.startedAt}, ${Math.max(stamp.probe.endedAt, stamp.probe.startedAt + 1)}`);
    }
    if (stage.bake?.endedAt !== undefined) lines.push(`  bake :active, ${stage.bake.startedAt}, ${Math.max(stage.bake.endedAt, stage.bake.startedAt + 1)}`);
  }
  return lines;
}
