/**
 * What a re-run learns from the journal: folds the recorded events of one rollout id into the progress it resumes from.
 * Rolled-back work is forgotten, so a re-run after a rollback deploys again instead of skipping what was undone.
 */
import type { RollbackScope } from '../plan/types.js';
import type { Journal, JournalEvent, Outputs } from './ports.js';

export interface StampProgress {
  stage: string;
  contentHash: string;
  deploymentId: string;
  deploymentName: string;
  durationMs: number;
  correlationId?: string;
  outputs: Outputs;
  at: number;
}

export interface StageProgress {
  /** The full three-phase check passed. */
  probed: boolean;
  bakeStartedAt?: number;
  bakeEnded: boolean;
  completed: boolean;
}

/** A rollback that was recorded as started and never as finished: the next run finishes it before anything else. */
export interface PendingRollback {
  scope: RollbackScope;
  reason: string;
  stage?: string;
  /** The stamps it meant to restore, in its order; absent in journals written before this was recorded. */
  stamps?: string[];
  /** Stamps whose restore was recorded (any outcome but failed). */
  done: Set<string>;
}

export interface ResumeState {
  /** Anything of this rollout id was recorded before. */
  resumed: boolean;
  deployed: Map<string, StampProgress>;
  stages: Map<string, StageProgress>;
  rollback?: PendingRollback;
}

const freshStage = (): StageProgress => ({ probed: false, bakeEnded: false, completed: false });

export function foldJournal(events: JournalEvent[], rolloutId: string): ResumeState {
  const state: ResumeState = { resumed: false, deployed: new Map(), stages: new Map() };
  const stage = (name: string): StageProgress => {
    let progress = state.stages.get(name);
    if (!progress) state.stages.set(name, (progress = freshStage()));
    return progress;
  };
  for (const event of events) {
    if (event.rolloutId !== rolloutId) continue;
    state.resumed = true;
    switch (event.type) {
      case 'stamp-deployed': {
        const { stage: stageName, contentHash, deploymentId, deploymentName, durationMs, correlationId, outputs, at } = event;
        state.deployed.set(event.stamp, { stage: stageName, contentHash, deploymentId, deploymentName, durationMs, correlationId, outputs, at });
        break;
      }
      case 'stamp-failed':
        state.deployed.delete(event.stamp);
        break;
      case 'stage-probed':
        // A failed check, full or quick, sends the stage back to a full check on the next run.
        if (event.check === 'full' || !event.healthy) Object.assign(stage(event.stage), { probed: event.healthy });
        if (!event.healthy) Object.assign(stage(event.stage), { bakeStartedAt: undefined, bakeEnded: false, completed: false });
        break;
      case 'bake-started':
        Object.assign(stage(event.stage), { bakeStartedAt: event.at, bakeEnded: false });
        break;
      case 'bake-ended':
        stage(event.stage).bakeEnded = true;
        break;
      case 'stage-completed':
        stage(event.stage).completed = true;
        break;
      case 'stamp-rolled-back':
        if (event.outcome === 'rolled-back' || event.outcome === 'removed') state.deployed.delete(event.stamp);
        if (event.outcome !== 'failed') state.rollback?.done.add(event.stamp);
        state.stages.set(event.stage, freshStage());
        break;
      case 'rollback-started':
        state.rollback = { scope: event.scope, reason: event.reason, ...(event.stage ? { stage: event.stage } : {}), ...(event.stamps ? { stamps: event.stamps } : {}), done: new Set() };
        break;
      case 'rollback-finished':
        state.rollback = undefined;
        break;
      case 'operator':
        // A promoted stage's bake is over: a re-run goes on to the next stage.
        if (event.action === 'promote') stage(event.stage).bakeEnded = true;
        break;
      default:
        break;
    }
  }
  return state;
}

/** A journal kept in memory: tests, dry runs, and faces that persist progress elsewhere (ARM tags). */
export class MemoryJournal implements Journal {
  readonly events: JournalEvent[];

  constructor(events: JournalEvent[] = []) {
    this.events = [...events];
  }

  async load(): Promise<JournalEvent[]> {
    return [...this.events];
  }

  async record(event: JournalEvent): Promise<void> {
    this.events.push(structuredClone(event));
  }
}
