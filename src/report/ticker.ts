import type { RolloutEvent, Reporter } from '../engine/ports.js';
import type { Clock } from '../time/clock.js';
import { readableDuration } from './format.js';

/** How often a quiet rollout says where it stands: a person at a terminal every minute, a runner's log every 5. */
export const TTY_CADENCE_MS = 60_000;
export const LOG_CADENCE_MS = 300_000;

/**
 * Where a rollout stands, kept from its events, so a long bake or a slow deployment still says something at a steady
 * cadence: what deploys, what is probed and its last verdicts, how much bake is left.
 */
export class RolloutProgress {
  private stage: string | undefined;
  private bake: { stage: string; endsAt: number; bakeMs: number } | undefined;
  private readonly deploying = new Map<string, number>();
  private readonly probing = new Map<string, { phase: string; answers: number; unhealthy: number }>();
  private readonly verdicts = new Map<string, string>();

  private readonly clock: Clock;

  constructor(clock: Clock) {
    this.clock = clock;
  }

  event(event: RolloutEvent): void {
    switch (event.type) {
      case 'stage-started':
        this.stage = event.stage;
        this.verdicts.clear();
        break;
      case 'stamp-deploying':
        this.deploying.set(event.stamp, this.clock.now());
        break;
      case 'stamp-deployed':
      case 'stamp-failed':
        this.deploying.delete(event.stamp);
        break;
      case 'probe-phase':
        this.probing.set(event.stamp, { phase: event.phase, answers: 0, unhealthy: 0 });
        break;
      case 'probe-answer': {
        const probe = this.probing.get(event.stamp);
        if (probe) {
          probe.answers++;
          if (!event.answer.healthy) probe.unhealthy++;
        }
        break;
      }
      case 'probe-verdict':
        this.probing.delete(event.stamp);
        this.verdicts.set(event.stamp, event.healthy ? 'healthy' : 'UNHEALTHY');
        break;
      case 'bake-started':
        this.bake = { stage: event.stage, endsAt: this.clock.now() + event.remainingMs, bakeMs: event.bakeMs };
        break;
      case 'bake-ended':
        this.bake = undefined;
        break;
      case 'rollout-finished':
        this.stage = undefined;
        break;
    }
  }

  /** One line of where the rollout stands now, or undefined when nothing is in flight. */
  line(): string | undefined {
    const now = this.clock.now();
    const parts: string[] = [];
    if (this.bake) {
      const verdicts = [...this.verdicts].map(([stamp, v]) => `${stamp} ${v}`).join(', ');
      parts.push(`stage ${this.bake.stage}: baking, ${readableDuration(Math.max(0, this.bake.endsAt - now))} of ${readableDuration(this.bake.bakeMs)} left${verdicts ? `; last verdicts: ${verdicts}` : ''}`);
    }
    if (this.deploying.size > 0) parts.push(`deploying ${[...this.deploying].map(([stamp, since]) => `${stamp} (${readableDuration(now - since)})`).join(', ')}`);
    if (this.probing.size > 0) {
      parts.push(`health watch ${[...this.probing].map(([stamp, p]) => `${stamp} in ${p.phase}: ${p.answers - p.unhealthy} healthy, ${p.unhealthy} unhealthy answers`).join('; ')}`);
    }
    if (parts.length === 0) return undefined;
    return `${this.stage && !this.bake ? `stage ${this.stage}: ` : ''}${parts.join('; ')}`;
  }
}

/**
 * Wraps a reporter: between the rollout's own events, every `cadenceMs` on the rollout's clock (virtual in a
 * rehearsal) it writes where the rollout stands. Stops at the rollout's end or when `stop()` is called.
 */
export function withProgress(reporter: Reporter, clock: Clock, cadenceMs: number, write: (line: string) => void): Reporter & { stop(): void } {
  const progress = new RolloutProgress(clock);
  const stopped = new AbortController();
  let running = false;
  const loop = async (): Promise<void> => {
    while (!stopped.signal.aborted) {
      await clock.sleep(cadenceMs, stopped.signal).catch(() => undefined);
      if (stopped.signal.aborted) return;
      const line = progress.line();
      if (line) write(line);
    }
  };
  return {
    event(event) {
      reporter.event(event);
      progress.event(event);
      if (event.type === 'rollout-started' && !running) {
        running = true;
        void loop();
      }
      if (event.type === 'rollout-finished') stopped.abort();
    },
    stop: () => stopped.abort(),
  };
}
