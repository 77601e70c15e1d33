/**
 * The checks a stage job makes before it deploys, for every face that runs one stage without GitHub's deployment
 * records (the CLI's `deploy --stage NAME`, an action without a token): the previous stage of the same rollout must
 * have succeeded, by ARM's tags (the plan was made from them), and its bake must be over. Its health is re-checked by
 * the engine itself before the stage deploys. `--force` skips these checks, recorded in the journal with who and why.
 */
import { InputError } from './plan.js';
import { foldJournal } from '../engine/journal.js';
import type { Deployer, Journal, JournalEvent } from '../engine/ports.js';
import type { Plan, PlanStage } from '../plan/types.js';
import type { Clock } from '../time/clock.js';
import { formatDuration } from '../time/duration.js';

/** A check between stages that did not pass: said plainly, and nothing is deployed. */
export class StageGateRefusal extends InputError {
  constructor(message: string) {
    super(message);
    this.name = 'StageGateRefusal';
  }
}

export interface ArmGate {
  /** Planned against ARM: each stamp's decision says whether this rollout's deployment of it is live. */
  plan: Plan;
  stage: PlanStage;
  deployer: Deployer;
  journal: JournalEvent[];
  clock: Clock;
  signal: AbortSignal;
}

const DONE = new Set(['already-deployed-by-this-rollout', 'unchanged', 'never']);

export async function checkPreviousStageFromArm(gate: ArmGate): Promise<void> {
  const { plan, stage } = gate;
  if (stage.index === 0) return;
  const previous = plan.stages[stage.index - 1];
  const { id } = plan.rollout;
  const resume = foldJournal(gate.journal, id);
  if (resume.rollback) {
    throw new StageGateRefusal(`a rollback of ${id} (${resume.rollback.reason}) was started and not finished: stage ${stage.name} cannot start. Re-run stage ${resume.rollback.stage ?? previous.name} to finish the rollback.`);
  }
  const missing = previous.stamps.filter((s) => !DONE.has(s.decision.reason));
  if (missing.length > 0) {
    const list = missing.map((s) => `${s.id} (${s.decision.detail})`).join('; ');
    throw new StageGateRefusal(`stage ${previous.name} of ${id} has not succeeded: by ARM, ${list}. Stage ${stage.name} cannot start before it: run stage ${previous.name} first.`);
  }
  const bakeStart = await bakeStartOf(gate, previous);
  if (bakeStart === undefined) return;
  const now = gate.clock.now();
  const remaining = Math.min(previous.bakeMs, bakeStart + previous.bakeMs - now);
  if (remaining <= 0) return;
  throw new StageGateRefusal(
    `stage ${previous.name} is still baking: its bake of ${formatDuration(previous.bakeMs)} ends in ${formatDuration(Math.ceil(remaining / 1000) * 1000)}. ` +
      `Run stage ${stage.name} after that (or, in an emergency, skip these checks with --force "REASON", which is recorded).`,
  );
}

/**
 * The bake of a stage runs from when it last completed: the journal says so when this machine ran it; otherwise the
 * latest of its deployments by this rollout, by ARM's timestamps. Undefined: nothing of this rollout there to bake.
 */
async function bakeStartOf(gate: ArmGate, previous: PlanStage): Promise<number | undefined> {
  const completed = gate.journal.filter((e) => e.rolloutId === gate.plan.rollout.id && e.type === 'stage-completed' && e.stage === previous.name).at(-1);
  if (completed) return completed.at;
  const ours = previous.stamps.filter((s) => s.decision.reason === 'already-deployed-by-this-rollout');
  const finished = await Promise.all(ours.map((s) => gate.deployer.lastSuccessful(s, {}, gate.signal)));
  const times = finished.map((d) => (d?.rolloutId === gate.plan.rollout.id ? d.finishedAt : undefined)).filter((t): t is number => t !== undefined);
  return times.length > 0 ? Math.max(...times) : undefined;
}

/** `--force REASON`: the checks are skipped, and the journal keeps who skipped them and why. */
export async function recordForced(journal: Journal, plan: Plan, stage: PlanStage, by: string, reason: string, clock: Clock): Promise<void> {
  if (!reason.trim()) throw new InputError('--force needs a reason, e.g. --force "hotfix for incident 4711"; it is recorded with your name');
  await journal.record({ type: 'gate-forced', rolloutId: plan.rollout.id, at: clock.now(), stage: stage.name, by, reason });
}
