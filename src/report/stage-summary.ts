import type { RolloutResult } from '../engine/result.js';
import { rolloutJobs } from '../plan/job-sequence.js';
import type { Plan } from '../plan/types.js';
import { formatDuration } from '../time/duration.js';
import { markdownCell } from './format.js';

/**
 * The heading of a stage job's summary: which stage of which rollout, how it ended and what comes next, so a reviewer
 * of three stage jobs does not read "Rollout succeeded" on the first one.
 */
export function stageHeading(result: RolloutResult, plan: Plan, stageName: string): string {
  const stage = result.stages.find((s) => s.name === stageName);
  // Release units: after the stages come the traffic steps and the teardown, each a job of its own.
  const jobs = rolloutJobs(plan);
  const index = jobs.findIndex((s) => s.name === stageName);
  const next = jobs[index + 1];
  const status = stage?.status ?? result.status;
  const ok = status === 'succeeded' || status === 'already-completed';
  const bake = jobs[index]?.bakedInJob ? 0 : (jobs[index]?.bakeMs ?? 0);
  const then = !ok ? 'the rollout stops here' : next ? `next: ${next.name}${bake > 0 ? `, after ${formatDuration(bake)}` : ''}` : 'the rollout is complete';
  const what = jobs[index]?.kind === 'traffic-step' ? 'Traffic step' : jobs[index]?.kind === 'teardown' ? 'Job' : 'Stage';
  return `${what} ${stageName} of ${result.rolloutId} ${status}; ${then}`;
}

/** What a stage job checked before it deployed: the gate's own lines, then the re-check of the stages before it. */
export function gateMarkdown(gateLines: string[], result: RolloutResult): string {
  const previous = result.previousStage;
  const rechecks = (previous?.stamps ?? []).map(
    (x) => `- re-probed ${markdownCell(x.id)} (stage ${markdownCell(previous!.name)}): ${x.recheck.healthy ? `healthy (${x.recheck.probes} probes)` : `UNHEALTHY in ${x.recheck.phase}`}`,
  );
  const lines = [...gateLines.map((l) => `- ${markdownCell(l)}`), ...rechecks];
  return lines.length ? `### What this job checked before deploying\n\n${lines.join('\n')}\n\n` : '';
}

/** Every template output of every stamp, as `stamp.name` -> value; secure ones (already masked in the log) as `***`. */
export function flatOutputs(result: RolloutResult, isSecure: (type: string) => boolean): Record<string, unknown> {
  const flat: Record<string, unknown> = {};
  for (const stage of result.stages) {
    for (const stamp of stage.stamps) {
      for (const [name, output] of Object.entries(stamp.outputs ?? {})) flat[`${stamp.id}.${name}`] = isSecure(output.type) ? '***' : output.value;
    }
  }
  return flat;
}
