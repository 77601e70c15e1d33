import type { RolloutEvent } from '../engine/ports.js';
import { formatDuration } from '../time/duration.js';
import { readableDuration, wholeSeconds } from './format.js';
import { releaseUnitProgress } from './release-unit.js';

/**
 * One log line per engine event, for a person watching a rollout: what happens to which stamp, and when (time since
 * the rollout started, on the engine's clock, so a rehearsal shows the hours it would take). `undefined` = no line.
 */
export function progressLine(event: RolloutEvent, elapsedMs: number): string | undefined {
  const at = `[+${formatDuration(wholeSeconds(elapsedMs))}]`;
  const line = (text: string): string => `${at} ${text}`;
  switch (event.type) {
    case 'rollout-started':
      return line(`${event.resumed ? 'resuming' : 'starting'} rollout ${event.rolloutId} (${event.mode}): stages ${event.stages.join(' -> ')}`);
    case 'stage-started':
      return line(`stage ${event.stage}: ${event.stamps} stamp${event.stamps === 1 ? '' : 's'}`);
    case 'stamp-deploying':
      return line(`${event.stamp}: deploying${event.attempt > 1 ? ` (attempt ${event.attempt})` : ''}`);
    case 'stamp-deployed':
      return line(`${event.stamp}: deployed in ${formatDuration(wholeSeconds(event.durationMs))}${event.correlationId ? ` (correlation id ${event.correlationId})` : ''}`);
    case 'stamp-skipped':
      return line(`${event.stamp}: skipped, ${event.detail}`);
    case 'stamp-retrying':
      return line(`${event.stamp}: ${event.error.code}: ${event.error.message}; retrying in ${readableDuration(event.delayMs)}`);
    case 'stamp-failed':
      return line(`${event.stamp}: FAILED ${event.error.code}: ${event.error.message}${event.error.correlationId ? ` (correlation id ${event.error.correlationId})` : ''}`);
    case 'probe-phase':
      return line(`${event.stamp}: health ${event.check === 'recheck' ? 're-check' : 'check'}, phase ${event.phase} (${formatDuration(wholeSeconds(event.untilMs))})`);
    case 'probe-answer':
      return event.answer.healthy ? undefined : line(`${event.stamp}: unhealthy answer in phase ${event.phase}: ${event.answer.detail}`);
    case 'probe-verdict':
      return line(`${event.stamp}: ${event.healthy ? 'healthy' : 'UNHEALTHY'} (${event.check === 'recheck' ? 're-check' : 'health check'}, phase ${event.phase}): ${event.detail}`);
    case 'bake-started':
      return line(`stage ${event.stage}: baking ${readableDuration(event.remainingMs)}${event.remainingMs < event.bakeMs ? ` (of ${formatDuration(event.bakeMs)})` : ''}`);
    case 'bake-ended':
      return line(`stage ${event.stage}: bake done`);
    case 'rollback-started':
      return line(`ROLLBACK (scope ${event.scope}) of ${event.stamps.join(', ') || 'nothing'}: ${event.reason}`);
    case 'stamp-rolled-back':
      return line(`${event.stamp}: rollback ${event.outcome}${event.to ? ` to ${event.to}` : ''}: ${event.detail}`);
    case 'rollback-finished':
      return line(`rollback ${event.ok ? 'finished' : 'did not fully succeed'}`);
    case 'stage-finished':
      return line(`stage ${event.stage}: ${event.status} after ${formatDuration(wholeSeconds(event.durationMs))}`);
    case 'rollout-finished':
      return line(`rollout ${event.status} after ${formatDuration(wholeSeconds(event.durationMs))}: ${event.message}`);
    default:
      return releaseUnitProgress(event, line);
  }
}
