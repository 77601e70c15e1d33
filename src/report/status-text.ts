import type { RolloutStatus } from '../commands/status.js';
import { fitTable, readableDuration } from './format.js';

/** `status` in a terminal: one table of stamps with the version each runs, the state of each stage, what comes next. */
export function statusText(status: RolloutStatus, columns?: number): string {
  const lines = [`Rollout ${status.rollout}@${status.version}${status.records ? '' : " (ARM's deployment tags only; give a GitHub token for the stage records)"}`, ''];
  const rows = status.stages.flatMap((stage) =>
    stage.stamps.map((s, i) => [
      i === 0 ? stage.name : '',
      i === 0 ? `${stage.state}${stage.bakeRemainingMs ? `, baking ${readableDuration(stage.bakeRemainingMs)} left` : ''}` : '',
      s.stamp,
      s.version ?? '(never deployed)',
      s.deploymentName ?? '-',
    ]),
  );
  lines.push(...fitTable(['stage', 'state', 'stamp', 'version', 'deployment'], rows, columns));
  const described = status.stages.filter((s) => s.description);
  if (described.length) lines.push('', ...described.map((s) => `${s.name}: ${s.description}`));
  lines.push('', status.next ? `Next: ${status.next}` : 'Every stage of this rollout succeeded.');
  return lines.join('\n');
}
