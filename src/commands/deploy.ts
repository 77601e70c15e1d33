import type { Deployer, Journal, Prober, Reporter } from '../engine/ports.js';
import type { RolloutResult } from '../engine/result.js';
import { runRollout, selectStages } from '../engine/rollout.js';
import { newRunId, refuseWhileOtherRun } from '../engine/other-runs.js';
import { OnlySelectorError, selectOnly } from '../plan/only.js';
import { planRollout } from '../plan/planner.js';
import type { ObservedState, Plan, PlanStamp } from '../plan/types.js';
import type { LoadedSpec } from '../spec/types.js';
import type { Clock } from '../time/clock.js';
import { InputError, planCommand, type PlanRequest } from './plan.js';
import type { ReleaseUnitAdapterFactory } from '../engine/release-unit/adapters.js';
import type { ResourceMetrics } from '../engine/traffic.js';
import { releaseUnitDeploy } from './release-unit.js';

export interface DeployCommandRequest extends PlanRequest {
  /** A stage name or `all`. */
  stage: string;
  dryRun: boolean;
  clock: Clock;
  journal: Journal;
  reporter: Reporter;
  signal: AbortSignal;
  /** Built after the spec loaded (the ARM deployer needs its real parameter values). */
  deployer: (spec: LoadedSpec) => Deployer;
  prober: Prober;
  /** `COMPONENT[@REGION]`: deploy only that and the prerequisites it lacks (src/plan/only.ts). */
  only?: string;
  /** After the plan with Azure's state, before anything deploys (and on a dry run): the stage job's what-if. */
  beforeDeploy?: (plan: Plan, spec: LoadedSpec, deployer: Deployer) => Promise<void>;
  /** Checks and records that must pass before anything touches Azure (the action's cross-job checks). */
  beforeAzure?: (plan: Plan) => Promise<void>;
  /** Checks that need the plan made from ARM's state (the stage gate from ARM's tags), before anything deploys. */
  afterPlan?: (plan: Plan, deployer: Deployer) => Promise<void>;
  /** Release units: the Front Door, metrics and teardown adapters (a spec with releaseUnits needs them). */
  releaseUnits?: ReleaseUnitAdapterFactory;
  /** Azure Monitor for metric health checks of ordinary stages, made for the loaded spec (its rollout's correlation id). */
  resourceMetrics?: (spec: LoadedSpec) => ResourceMetrics;
  /** Release units: send all traffic back to the previous unit (abort the release in flight). */
  abort?: boolean;
  /** This process's run id (default: a fresh one): tagged on its deployments, so another run can tell them apart. */
  runId?: string;
  /** Go ahead over another run's running deployments (that run is gone): who says so, recorded in the journal. */
  takeOver?: { by: string };
  /** How the face names the take-over, for the refusal's message (default --break-lease). */
  takeOverFlag?: string;
  /** A line for what the command does beside the rollout (a take-over). */
  log?: (line: string) => void;
}

export interface DeployCommandResult {
  plan: Plan;
  /** Absent on a dry run. */
  result?: RolloutResult;
}

/**
 * `deploy`: validate everything, read each stamp's last successful deployment from ARM, plan with that state (so
 * onChange and resume decisions are real), then run the selected stages. Nothing is deployed on a bad spec or stage.
 */
export async function deployCommand(request: DeployCommandRequest): Promise<DeployCommandResult> {
  const { spec, plan: offline } = planCommand(request);
  if (spec.releaseUnits && request.releaseUnits) return releaseUnitDeploy(request, spec, request.releaseUnits);
  try {
    selectStages(offline, request.stage);
  } catch (error) {
    throw new InputError((error as Error).message);
  }
  await request.beforeAzure?.(offline);
  const deployer = request.deployer(spec);
  const observed = await observe(offline, deployer, request.clock, request.signal);
  const plan = request.only ? onlyPlan(planRollout(spec, observed), request.only, observed) : planRollout(spec, observed);
  await request.beforeDeploy?.(plan, spec, deployer);
  if (request.dryRun) return { plan };
  // Before the first write: another run of this spec with deployments still running (another machine, checkout or
  // face, which the journal lease cannot see) makes this one refuse, naming it.
  const runId = request.runId ?? newRunId();
  const { journal } = request;
  const takenOver = await refuseWhileOtherRun({
    plan, deployer, runId, events: await journal.load(), flag: request.takeOverFlag ?? '--break-lease', now: request.clock.now(), signal: request.signal,
    ...(request.takeOver ? { takeOver: { by: request.takeOver.by, record: (event) => journal.record(event) } } : {}),
  });
  for (const d of takenOver) request.log?.(`taking over ${d.deploymentName} (${d.state} for run ${d.runId ?? '(no run id)'} of ${d.rolloutId ?? 'an unknown rollout'}): ${request.takeOverFlag ?? '--break-lease'} by ${request.takeOver!.by}`);
  await request.afterPlan?.(plan, deployer);
  const result = await runRollout(plan, { deployer, prober: request.prober, clock: request.clock, journal, reporter: request.reporter, resourceMetrics: request.resourceMetrics?.(spec) }, { stage: request.stage, signal: request.signal, bakeBetweenJobs: request.stage !== 'all', runId });
  return { plan, result };
}

function onlyPlan(plan: Plan, selector: string, observed: ObservedState): Plan {
  try {
    return selectOnly(plan, selector, observed);
  } catch (error) {
    if (error instanceof OnlySelectorError) throw new InputError(error.message);
    throw error;
  }
}

/** Each stamp's last successful deployment, a few stamps at a time (reads are budgeted by the deployer). */
export async function observe(plan: Plan, deployer: Deployer, clock: Clock, signal: AbortSignal): Promise<ObservedState> {
  const stamps: PlanStamp[] = plan.stages.flatMap((s) => s.stamps);
  const observed: ObservedState = {};
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < stamps.length) {
      const stamp = stamps[next++];
      const last = await deployer.lastSuccessful(stamp, {}, signal);
      if (last) observed[stamp.id] = { deploymentName: last.deploymentName, version: last.version, rolloutId: last.rolloutId, contentHash: last.contentHash };
    }
  };
  await Promise.all(Array.from({ length: Math.min(8, stamps.length) }, worker));
  return observed;
}
