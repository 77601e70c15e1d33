import type { RolloutResult, VerdictSummary } from '../engine/result.js';
import { formatDuration } from '../time/duration.js';
import { fitTable, wholeSeconds } from './format.js';
import { releaseUnitText } from './release-unit.js';

/** A rollout's outcome as terminal tables (cut to `columns` when given), one per stage, then every failure with ARM's code and correlation id. */
export function resultText(result: RolloutResult, columns?: number): string {
  const lines = [`Rollout ${result.rolloutId} (${result.mode}): ${result.status.toUpperCase()} after ${formatDuration(wholeSeconds(result.durationMs))}`, `  ${result.message}`, ''];
  for (const stage of result.stages) {
    lines.push(`Stage ${stage.index + 1} ${stage.name}: ${stage.status}${stage.bake ? `, baked ${formatDuration(stage.bake.ms)}` : ''}`);
    const rows = stage.stamps.map((s) => [
      s.id,
      s.status === 'skipped' ? `skipped (${s.decision.reason})` : s.status,
      s.durationMs === undefined ? '-' : formatDuration(wholeSeconds(s.durationMs)),
      verdict(s.probe),
      verdict(s.recheck),
      s.rollback ? `${s.rollback.outcome}${s.rollback.to ? ` to ${s.rollback.to}` : ''}` : '-',
    ]);
    lines.push(...fitTable(['stamp', 'status', 'deploy', 'health', 're-check', 'rollback'], rows, columns && columns - 2).map((l) => `  ${l}`), '');
  }
  lines.push(...releaseUnitText(result));
  lines.push(...correlationLines(result));
  const failures = result.stages.flatMap((s) => s.stamps.filter((x) => x.error));
  for (const f of failures) lines.push(`FAILED ${f.id}: ${f.error!.code}: ${f.error!.message}${f.error!.correlationId ? ` (correlation id ${f.error!.correlationId})` : ''}`);
  return lines.join('\n');
}

function verdict(v: VerdictSummary | undefined): string {
  if (!v) return '-';
  return v.healthy ? `healthy (${v.probes})` : `UNHEALTHY in ${v.phase}`;
}

/** ARM correlation ids of the deployments, on success too: one line when the rollout sent one id for all. */
export function correlationLines(result: RolloutResult): string[] {
  const stamps = result.stages.flatMap((s) => s.stamps).filter((s) => s.correlationId);
  const ids = new Set(stamps.map((s) => s.correlationId));
  if (ids.size === 0) return [];
  if (ids.size === 1) return [`ARM correlation id of every deployment: ${[...ids][0]}`];
  return stamps.map((s) => `${s.id}: ${s.deploymentName ?? 'deployment'} correlation id ${s.correlationId}`);
}
