import { onlyText } from '../plan/only.js';
import type { Plan } from '../plan/types.js';
import { formatDuration } from '../time/duration.js';
import { fitTable } from './format.js';

/** The plan as a terminal table (cut to `columns` when given): what a person reads before saying yes. */
export function planText(plan: Plan, columns?: number): string {
  const { rollout } = plan;
  const lines = [
    `Rollout ${rollout.id} (${rollout.mode} mode) from ${rollout.specFile}`,
    `Rollback scope: ${plan.rollback.scope}${plan.rollback.deleteNew ? ', new stamps deleted' : ''}`,
    '',
  ];
  for (const stage of plan.stages) {
    const env = stage.environment ? `environment ${stage.environment}` : 'no environment gate';
    lines.push(
      `Stage ${stage.index + 1}/${plan.stages.length}: ${stage.name} (${stage.regions.join(', ')}; ${env}; bake ${formatDuration(stage.bakeMs)}; up to ${stage.maxParallel} region${stage.maxParallel === 1 ? '' : 's'} at once)`,
    );
    const rows = stage.stamps.map((s) => [
      s.decision.action === 'deploy' ? 'deploy' : 'skip',
      s.id,
      s.deploymentName,
      s.resourceGroup ? `${s.subscription}/${s.resourceGroup}` : s.scope === 'managementGroup' ? `${s.managementGroup} (management group)` : s.scope === 'tenant' ? '(tenant)' : `${s.subscription} (subscription)`,
      healthText(s.health),
      s.decision.detail,
    ]);
    lines.push(...fitTable(['action', 'stamp', 'deployment', 'target', 'health', 'why'], rows, columns && columns - 2).map((l) => `  ${l}`), '');
  }
  const counts = plan.stages.flatMap((s) => s.stamps).reduce((n, s) => ((n[s.decision.action] += 1), n), { deploy: 0, skip: 0 });
  lines.push(`${counts.deploy} to deploy, ${counts.skip} to skip, in ${plan.stages.length} stage${plan.stages.length === 1 ? '' : 's'}.`);
  if (plan.only) lines.push('', onlyText(plan.only));
  return lines.join('\n');
}

export function healthText(health: Plan['stages'][number]['stamps'][number]['health']): string {
  if (!health) return '-';
  return `wait ${formatDuration(health.waitMs)}, within ${formatDuration(health.withinMs)}, healthy for ${formatDuration(health.healthyForMs)}`;
}
