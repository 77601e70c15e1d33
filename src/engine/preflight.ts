/**
 * ARM's validate (preflight) of every stamp the rollout will deploy, before the rollout's first write: a template or
 * parameter that ARM refuses stops the rollout while nothing has changed yet, instead of after half the regions.
 * A stamp that cannot be validated yet (its resource group is made by this rollout, or it requires a stamp deployed
 * by this rollout) is validated before its stage's first write; one whose group still does not exist then is left to
 * ARM's own preflight of the PUT.
 */
import { DEPLOYMENT_TAGS, type PlanStage, type PlanStamp } from '../plan/types.js';
import type { RunContext } from './context.js';
import { errorInfo } from './errors.js';
import type { ErrorInfo } from './ports.js';
import { stampInputs } from './inputs.js';
import { withRetry } from './retry.js';

export interface PreflightRefusal {
  stamp: PlanStamp;
  stage: PlanStage;
  error: ErrorInfo;
}

/** Stamps left for their stage's preflight, and the stamps this run deploys, per run. */
const deferred = new WeakMap<RunContext, { later: Set<string>; deployedHere: Set<string> }>();

/** Validates the stamps of `stages` whose prerequisites exist; the first refusal, or undefined when all passed. */
export async function preflightRollout(ctx: RunContext, stages: PlanStage[]): Promise<PreflightRefusal | undefined> {
  const later = new Set<string>();
  const targets = stages.flatMap((stage) => stage.stamps.filter((s) => willDeploy(ctx, s)).map((stamp) => ({ stage, stamp })));
  const deployedHere = new Set(targets.map((t) => t.stamp.id));
  deferred.set(ctx, { later, deployedHere });
  const now = targets.filter(({ stamp }) => {
    if (![...stamp.requires, ...(stamp.outputsFrom ?? [])].some((r) => deployedHere.has(r))) return true;
    later.add(stamp.id);
    return false;
  });
  return validateAll(ctx, now, later);
}

/** Before a stage's first write: the stamps the rollout-wide preflight had to leave for now. */
export async function preflightStage(ctx: RunContext, stage: PlanStage): Promise<PreflightRefusal | undefined> {
  const run = deferred.get(ctx);
  if (!run) return undefined;
  const { later, deployedHere } = run;
  const targets = stage.stamps.filter((s) => later.has(s.id) && willDeploy(ctx, s)).map((stamp) => ({ stage, stamp }));
  for (const { stamp } of targets) later.delete(stamp.id);
  // A stamp fed with outputs of one this run has yet to deploy cannot be validated with the values it will get:
  // ARM's own preflight of its PUT checks it then.
  const ready = targets.filter(({ stamp }) => !(stamp.outputsFrom ?? []).some((id) => deployedHere.has(id) && !ctx.outputs.has(id)));
  return validateAll(ctx, ready, undefined);
}

function willDeploy(ctx: RunContext, stamp: PlanStamp): boolean {
  if (stamp.decision.action !== 'deploy') return false;
  const earlier = ctx.resume.deployed.get(stamp.id);
  return !(earlier && earlier.contentHash === stamp.contentHash);
}

/** A few at a time (ARM's validate takes seconds); the deployer's request budget paces them further. */
async function validateAll(ctx: RunContext, targets: { stage: PlanStage; stamp: PlanStamp }[], later: Set<string> | undefined): Promise<PreflightRefusal | undefined> {
  const preflight = ctx.ports.deployer.preflight?.bind(ctx.ports.deployer);
  if (!preflight) return undefined;
  let refusal: PreflightRefusal | undefined;
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < targets.length && !refusal) {
      const { stage, stamp } = targets[next++];
      const { rollout } = ctx.plan;
      const tags = {
        [DEPLOYMENT_TAGS.rolloutId]: rollout.id,
        [DEPLOYMENT_TAGS.version]: rollout.version,
        [DEPLOYMENT_TAGS.stage]: stage.name,
        [DEPLOYMENT_TAGS.stamp]: stamp.id,
        [DEPLOYMENT_TAGS.contentHash]: stamp.contentHash,
        [DEPLOYMENT_TAGS.specHash]: rollout.specHash,
      };
      try {
        // The parameters fed by other stamps' outputs take them as the deployment will: an unchanged prerequisite
        // skipped by this run gives its latest successful deployment's outputs.
        const inputs = await stampInputs(ctx, stamp);
        const outcome = await withRetry(() => preflight({ stamp, stage, rollout, tags, ...(inputs ? { inputs } : {}) }, ctx.signal), { clock: ctx.clock, policy: ctx.retry, signal: ctx.signal });
        if (outcome === 'prerequisites-missing') later?.add(stamp.id);
      } catch (error) {
        if (ctx.signal.aborted) throw error;
        refusal ??= { stamp, stage, error: errorInfo(error) };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(4, targets.length) }, worker));
  return refusal;
}

/** The rollout's end when the rollout-wide preflight refused a stamp: failed, nothing written, nothing to roll back. */
export function refusedBeforeWrites(ctx: RunContext, refused: PreflightRefusal): { ok: false; status: 'failed'; message: string } {
  const { stamp, stage, error } = refused;
  ctx.result.error = { ...error, stage: stage.name, stamp: stamp.id };
  const result = ctx.stamps.get(stamp.id);
  if (result) Object.assign(result, { status: 'failed', error });
  for (const s of ctx.stamps.values()) if (s.status === 'pending') s.status = 'not-started';
  const correlation = error.correlationId ? ` (correlation id ${error.correlationId})` : '';
  return { ok: false, status: 'failed', message: `ARM refused ${stamp.id} (stage ${stage.name}) in its preflight, before anything was written: ${error.code}: ${error.message}${correlation}; nothing was deployed` };
}
