/**
 * What a re-run believes about a stamp the journal says this rollout deployed: the journal alone can be stale (a kill
 * between a rollback redeploy and its record, another rollout since, a template edited between two runs), so ARM's
 * latest successful deployment of the stamp has the last word.
 */
import type { PlanStamp } from '../plan/types.js';
import type { RunContext } from './context.js';
import type { StampProgress } from './journal.js';

export type ResumeVerdict =
  /** The journal and ARM agree: this rollout's deployment of this very content is live. Skip it. */
  | { kind: 'confirmed'; earlier: StampProgress }
  /** Deployed by an earlier run, but the template or parameters changed since. Deploy it. */
  | { kind: 'changed'; detail: string }
  /** Deployed by an earlier run, but ARM's latest is no longer it (rolled back or replaced). Deploy it. */
  | { kind: 'replaced'; detail: string }
  /** The journal knows nothing of this stamp. */
  | { kind: 'unknown' };

export async function resumeVerdict(ctx: RunContext, stamp: PlanStamp): Promise<ResumeVerdict> {
  const cached = ctx.resumeVerdicts.get(stamp.id);
  if (cached) return cached;
  const verdict = await decide(ctx, stamp);
  ctx.resumeVerdicts.set(stamp.id, verdict);
  return verdict;
}

async function decide(ctx: RunContext, stamp: PlanStamp): Promise<ResumeVerdict> {
  const earlier = ctx.resume.deployed.get(stamp.id);
  if (!earlier) return { kind: 'unknown' };
  if (earlier.contentHash !== stamp.contentHash) {
    return { kind: 'changed', detail: `template or parameters changed since the earlier run deployed ${earlier.deploymentName}` };
  }
  const live = await ctx.ports.deployer.lastSuccessful(stamp, {}, ctx.signal);
  if (live && live.rolloutId === ctx.plan.rollout.id && (live.contentHash === undefined || live.contentHash === stamp.contentHash)) {
    return { kind: 'confirmed', earlier };
  }
  const now = live ? `${live.deploymentName}${live.version ? ` (version ${live.version})` : ''}` : 'no successful deployment';
  return { kind: 'replaced', detail: `the earlier run deployed ${earlier.deploymentName}, but ARM's latest is ${now}: deploying again` };
}
