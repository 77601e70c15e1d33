import type { RolloutResult } from '../engine/result.js';

/**
 * What a rollback on request did, stamp by stamp: to which deployment and version, or why not (ARM's code, message
 * and correlation id are in the detail of a failed one).
 */
export function rollbackLines(result: RolloutResult): string[] {
  const lines = [`${result.rolloutId}: ${result.message}`];
  for (const entry of result.rollback?.stamps ?? []) {
    const to = entry.outcome === 'rolled-back' ? ` to ${entry.version ?? 'the previous deployment'} (${entry.to})` : '';
    const probe = entry.probe ? `; ${entry.probe.healthy ? 'healthy' : 'UNHEALTHY'} (${entry.probe.detail})` : '';
    lines.push(`  ${entry.id} (stage ${entry.stage}): ${entry.outcome}${to}: ${entry.detail}${probe}`);
  }
  return lines;
}

/** One short clause for a GitHub deployment status: "rolled back 2 stamp(s) to 1.0.0". */
export function rollbackClause(result: RolloutResult): string {
  const restored = (result.rollback?.stamps ?? []).filter((s) => s.outcome === 'rolled-back' || s.outcome === 'removed');
  const failed = (result.rollback?.stamps ?? []).filter((s) => s.outcome === 'failed').length;
  if (restored.length === 0) return failed ? `rollback failed for ${failed} stamp(s)` : 'nothing rolled back';
  const versions = [...new Set(restored.map((s) => s.version).filter(Boolean))];
  return `rolled back ${restored.length} stamp(s)${versions.length ? ` to ${versions.join(', ')}` : ''}${failed ? `, ${failed} failed` : ''}`;
}
