import type { PlanStamp } from '../plan/types.js';
import type { RunContext } from './context.js';
import type { Outputs } from './ports.js';

/**
 * The outputs a stamp's parameters take (`outputsFrom`): from this run's deployments, else the stamp's latest
 * successful deployment in ARM (deployed by an earlier job or rollout, or skipped as unchanged).
 */
export async function stampInputs(ctx: RunContext, stamp: PlanStamp): Promise<Record<string, Outputs> | undefined> {
  if (!stamp.outputsFrom?.length) return undefined;
  const all = new Map([...ctx.plan.stages.flatMap((s) => s.stamps), ...(ctx.plan.only?.outside ?? [])].map((s) => [s.id, s]));
  const inputs: Record<string, Outputs> = {};
  for (const id of stamp.outputsFrom) {
    const source = all.get(id);
    if (source) inputs[id] = await ctx.outputsFor(source);
  }
  return inputs;
}
