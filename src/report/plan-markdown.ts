import type { Plan } from '../plan/types.js';
import { formatDuration } from '../time/duration.js';
import { markdownCell } from './format.js';
import { healthText } from './plan-text.js';

/** The plan as a job summary: a table of stages, one of stamps per stage, and a mermaid graph of stages and requires. */
export function planMarkdown(plan: Plan): string {
  const { rollout } = plan;
  const out = [
    `## Rollout plan: ${markdownCell(rollout.name)} ${markdownCell(rollout.version)} (${markdownCell(rollout.mode)})`,
    '',
    `Spec \`${rollout.specFile}\`, rollout id \`${rollout.id}\`, rollback scope **${plan.rollback.scope}**.`,
    '',
    '| # | stage | environment | regions | bake | max parallel | deploy | skip |',
    '|---|---|---|---|---|---|---|---|',
    ...plan.stages.map(
      (s) =>
        `| ${s.index + 1} | ${markdownCell(s.name)} | ${s.environment ? markdownCell(s.environment) : '-'} | ${s.regions.join(', ')} | ${formatDuration(s.bakeMs)} | ${s.maxParallel} | ${s.stamps.filter((x) => x.decision.action === 'deploy').length} | ${s.stamps.filter((x) => x.decision.action === 'skip').length} |`,
    ),
    '',
    '```mermaid',
    ...mermaid(plan),
    '```',
    '',
  ];
  for (const stage of plan.stages) {
    out.push(
      `### Stage ${stage.index + 1}: ${markdownCell(stage.name)}`,
      '',
      '| stamp | decision | deployment | resource group | health | why |',
      '|---|---|---|---|---|---|',
      ...stage.stamps.map(
        (s) =>
          `| ${markdownCell(s.id)} | ${s.decision.action === 'deploy' ? '🚀 deploy' : '⏭️ skip'} | \`${s.deploymentName}\` | ${s.resourceGroup ? markdownCell(s.resourceGroup) : s.scope === 'managementGroup' ? `${markdownCell(s.managementGroup ?? '')} (management group)` : `(${s.scope})`} | ${healthText(s.health)} | ${markdownCell(s.decision.detail)} |`,
      ),
      '',
    );
  }
  return out.join('\n');
}

function mermaid(plan: Plan): string[] {
  const ids = new Map<string, string>();
  const lines = ['flowchart LR'];
  plan.stages.forEach((stage, i) => {
    lines.push(`  subgraph stage${i}["${i + 1}. ${stage.name}${stage.environment ? ` (${stage.environment})` : ''}"]`);
    stage.stamps.forEach((stamp, j) => {
      const id = `s${i}_${j}`;
      ids.set(stamp.id, id);
      lines.push(`    ${id}["${stamp.id}${stamp.decision.action === 'skip' ? ' (skip)' : ''}"]`);
    });
    lines.push('  end');
  });
  for (let i = 1; i < plan.stages.length; i++) lines.push(`  stage${i - 1} ==> stage${i}`);
  for (const stamp of plan.stages.flatMap((s) => s.stamps)) {
    for (const req of stamp.requires) if (ids.has(req)) lines.push(`  ${ids.get(req)} --> ${ids.get(stamp.id)}`);
  }
  return lines;
}
