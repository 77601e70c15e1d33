import type { RolloutStatus } from '../commands/status.js';
import { markdownCell, readableDuration } from './format.js';

/** `status` in a job summary: the stages, their state and bake left, each stamp's version, and what comes next. */
export function statusMarkdown(status: RolloutStatus): string {
  const out = [`## Status of ${markdownCell(status.rollout)}@${markdownCell(status.version)}`, '', status.next ? `Next: ${markdownCell(status.next)}` : 'Every stage of this rollout succeeded.', ''];
  if (!status.records) out.push("> From ARM's deployment tags only: give `token` for the stages' GitHub deployment records.", '');
  out.push('| stage | state | stamp | version | deployment |', '|---|---|---|---|---|');
  for (const stage of status.stages) {
    const state = `${stage.state}${stage.bakeRemainingMs ? `, baking ${readableDuration(stage.bakeRemainingMs)} left` : ''}`;
    for (const [i, s] of stage.stamps.entries()) {
      out.push(`| ${i === 0 ? markdownCell(stage.name) : ''} | ${i === 0 ? state : ''} | ${markdownCell(s.stamp)} | ${s.version ? markdownCell(s.version) : '(never deployed)'} | ${s.deploymentName ? `\`${s.deploymentName}\`` : '-'} |`);
    }
  }
  return `${out.join('\n')}\n`;
}
