import { InputError } from '../commands/plan.js';
import { jobAndPrevious } from '../plan/job-sequence.js';
import type { Plan, PlanStage } from '../plan/types.js';
import type { Clock } from '../time/clock.js';
import { formatDuration } from '../time/duration.js';
import { recordEnvironment, type DeploymentRecords } from './deployments.js';
import { promoted } from './interventions.js';

/** A check between jobs that did not pass: said plainly, and nothing is deployed. */
export class GateRefusal extends InputError {
  constructor(message: string) {
    super(message);
    this.name = 'GateRefusal';
  }
}

/**
 * The plan a stage job was given (the plan job's output) must be the plan of the spec this job reads: the same
 * version, spec (templates included) and mode. Otherwise the stages would not be one rollout.
 */
export function checkGivenPlan(given: string | undefined, current: Plan): void {
  if (!given) return;
  let plan: Plan;
  try {
    plan = JSON.parse(given) as Plan;
  } catch {
    throw new GateRefusal('input plan is not the JSON of a plan: pass the plan job\'s output, plan: ${{ needs.plan.outputs.plan }}');
  }
  const was = plan?.rollout;
  if (!was || plan.formatVersion !== 1) throw new GateRefusal('input plan is not a staged-rollout plan (formatVersion 1): pass the plan job\'s output');
  const now = current.rollout;
  const differences = [
    was.id !== now.id && `it is for ${was.id}, this job rolls out ${now.id}`,
    was.specHash !== now.specHash && `it was made from another spec or templates (spec hash ${was.specHash.slice(0, 12)}, here ${now.specHash.slice(0, 12)})`,
    was.mode !== now.mode && `it is for mode ${was.mode}, this job runs mode ${now.mode}`,
  ].filter(Boolean);
  if (differences.length > 0) {
    throw new GateRefusal(`the plan this job was given does not match the spec it reads: ${differences.join('; ')}. Re-run the whole workflow so that plan and stages come from one commit and one set of inputs.`);
  }
}

export interface PreviousStageGate {
  records: DeploymentRecords | undefined;
  plan: Plan;
  /** The job to gate: a stage, or (release units) a traffic step or the teardown; see src/plan/job-sequence.ts. */
  stage: Pick<PlanStage, 'name'>;
  clock: Clock;
  /** The longest this job waits for the rest of the previous stage's bake. */
  maxWaitMs: number;
  log: (line: string) => void;
  signal: AbortSignal;
}

/**
 * Before a stage runs in a job of its own: the job before it in the rollout (the previous stage; for a traffic step
 * the last stage or the step before; for the teardown the 100 % step), of the same rollout (same version and spec
 * hash), must have succeeded, by its GitHub deployment record, and its bake must be over. A short rest is waited out;
 * a long one belongs in an environment wait timer, because a hosted job may not run that long. Its health is
 * re-checked by the engine itself, with the other stamps, before it deploys. A traffic step bakes inside its own job,
 * so its success says its bake is over.
 */
export async function checkPreviousStage(gate: PreviousStageGate): Promise<void> {
  const { plan } = gate;
  const found = jobAndPrevious(plan, gate.stage.name);
  if (!found?.previous) return;
  const { job: stage, previous } = found;
  if (!gate.records) {
    throw new GateRefusal(`stage ${stage.name} runs after stage ${previous.name}, and only GitHub's deployment records can say that ${previous.name} succeeded: give the action a token (the default, github.token, with permissions: deployments: read).`);
  }
  const { id, version, specHash } = plan.rollout;
  const record = await gate.records.latest({ rolloutId: id, version, specHash, stage: previous.name, environment: recordEnvironment(previous, plan.rollout.name) });
  if (!record) {
    throw new GateRefusal(`stage ${previous.name} of ${id} has not run (no GitHub deployment record for this version and spec): stage ${stage.name} cannot start before it.`);
  }
  if (record.state !== 'success') {
    const what = record.state === 'in_progress' ? 'is still in progress (or its job died)' : `failed: ${record.description}`;
    throw new GateRefusal(`stage ${previous.name} of ${id} ${what}. Stage ${stage.name} deploys only after ${previous.name} succeeded; fix and re-run from the failed stage.`);
  }
  if (promoted(record)) {
    gate.log(`stage ${previous.name} succeeded and was promoted past its bake (${record.description})`);
    return;
  }
  if (previous.bakedInJob) {
    gate.log(`stage ${previous.name} succeeded (GitHub deployment ${record.deploymentId})${previous.bakeMs > 0 ? ` and its ${formatDuration(previous.bakeMs)} bake was judged in its own job` : ''}`);
    return;
  }
  const bakeEnds = (record.finishedAt ?? record.createdAt) + previous.bakeMs;
  // Never more than the bake, even when this runner's clock is behind the one that recorded the stage.
  const remaining = Math.min(previous.bakeMs, bakeEnds - gate.clock.now());
  if (remaining <= 0) {
    gate.log(`stage ${previous.name} succeeded (GitHub deployment ${record.deploymentId}) and its ${formatDuration(previous.bakeMs)} bake is over`);
    return;
  }
  if (remaining > gate.maxWaitMs) {
    const minutes = Math.ceil(previous.bakeMs / 60_000);
    throw new GateRefusal(
      `stage ${previous.name} is still baking: its bake of ${formatDuration(previous.bakeMs)} ends in ${formatDuration(Math.ceil(remaining / 1000) * 1000)}, longer than this job waits (max-wait ${formatDuration(gate.maxWaitMs)}). ` +
        `Give environment ${stage.environment ?? recordEnvironment(stage, plan.rollout.name)} a wait timer of ${minutes} minute${minutes === 1 ? '' : 's'} (staged-rollout environments sets it from the spec) so the job starts when the bake is over, then re-run this job.`,
    );
  }
  gate.log(`stage ${previous.name} succeeded; waiting ${formatDuration(Math.ceil(remaining / 1000) * 1000)} for the rest of its ${formatDuration(previous.bakeMs)} bake`);
  await gate.clock.sleep(remaining, gate.signal);
}
