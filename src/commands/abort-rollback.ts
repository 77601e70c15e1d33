import { rollBackOnAbort } from '../engine/abort-rollback.js';
import type { Deployer, Journal, Prober, Reporter } from '../engine/ports.js';
import type { RolloutResult } from '../engine/result.js';
import { planRollout } from '../plan/planner.js';
import type { Plan } from '../plan/types.js';
import type { LoadedSpec } from '../spec/types.js';
import type { Clock } from '../time/clock.js';
import { observe } from './deploy.js';
import { InputError, planCommand, type PlanRequest } from './plan.js';

export interface AbortRollbackCommandRequest extends PlanRequest {
  /** The stage in flight, or undefined for the furthest one this rollout reached. */
  stage?: string;
  reason: string;
  clock: Clock;
  journal: Journal;
  reporter: Reporter;
  signal: AbortSignal;
  deployer: (spec: LoadedSpec) => Deployer;
  prober: Prober;
}

/**
 * `abort --rollback` (CLI and action): the plan made with ARM's state, as deploy makes it, then the engine's rollback
 * of what the rollout in flight deployed, per the spec's rollback scope.
 */
export async function abortRollbackCommand(request: AbortRollbackCommandRequest): Promise<{ plan: Plan; result: RolloutResult }> {
  const { spec, plan: offline } = planCommand(request);
  if (request.stage && !offline.stages.some((s) => s.name === request.stage)) {
    throw new InputError(`no stage "${request.stage}" in ${offline.rollout.name}; its stages are ${offline.stages.map((s) => s.name).join(', ')}`);
  }
  const deployer = request.deployer(spec);
  const plan = planRollout(spec, await observe(offline, deployer, request.clock, request.signal));
  const result = await rollBackOnAbort(plan, { deployer, prober: request.prober, clock: request.clock, journal: request.journal, reporter: request.reporter }, { stage: request.stage, reason: request.reason, signal: request.signal });
  return { plan, result };
}
