/** The failover command's outcome as the terminal and the log show it. */
import type { FailoverOutcome } from '../commands/failover.js';
import type { FailoverDecision } from '../engine/failover/controller.js';
import type { FailoverRecord } from '../engine/failover/ports.js';

export function failoverText(outcome: FailoverOutcome): string {
  switch (outcome.kind) {
    case 'status':
      return [`Failover state at ${outcome.location}:`, ...recordLines(outcome.record)].join('\n');
    case 'init':
      return [outcome.created ? `Created the failover state at ${outcome.location}:` : `The failover state at ${outcome.location} already exists; left as it is:`, ...recordLines(outcome.record)].join('\n');
    default:
      return decisionText(outcome.decision);
  }
}

export function decisionText(d: FailoverDecision): string {
  const head = d.changed ? `Failover: traffic switched to ${d.activeTarget} (${d.reason})` : `Failover: no change (${d.reason})`;
  const lines = [head, `  ${d.detail}`, `  active target ${d.activeTarget}, failover count ${d.failoverCount}${d.lockUntilUtc ? `, no switch before ${d.lockUntilUtc}` : ''}`];
  if (d.probes.length > 0) lines.push('  probes:', ...d.probes.map((p) => `    ${p.target}: ${p.answer.healthy ? 'healthy' : 'unhealthy'}: ${p.answer.detail}`));
  if (d.error) lines.push(`  error: ${d.error.code}: ${d.error.message}${d.error.correlationId ? ` (correlation id ${d.error.correlationId})` : ''}`);
  return lines.join('\n');
}

/** The record under the entity's own property names, so what a person reads here is what the portal shows. */
export function entityView(record: FailoverRecord): Record<string, string | number> {
  const view: Record<string, string | number> = {
    active_target: record.activeTarget,
    failover_count: record.failoverCount,
    last_status: record.lastStatus,
  };
  if (record.lastCheckUtc) view.last_check_utc = record.lastCheckUtc;
  if (record.lockUntilUtc) view.lock_until_utc = record.lockUntilUtc;
  for (const [name, url] of Object.entries(record.endpoints)) view[`${name}_endpoint`] = url;
  if (record.lastDetail) view.last_detail = record.lastDetail;
  return view;
}

function recordLines(record: FailoverRecord): string[] {
  return Object.entries(entityView(record)).map(([k, v]) => `  ${k}: ${v}`);
}
