import type { PlanStage } from '../plan/types.js';
import type { StampWhatIf } from '../plan/what-if.js';

export interface WhatIfRunner {
  whatIf(stamp: PlanStage['stamps'][number], stage: string, signal: AbortSignal): Promise<StampWhatIf>;
}

/**
 * What-if of every stamp that would deploy in the given stages, a few at a time, in plan order. A stamp's what-if
 * failure is kept in its result (ARM's code and message); it never stops the others.
 */
export async function whatIfStages(stages: PlanStage[], runner: WhatIfRunner, signal: AbortSignal): Promise<StampWhatIf[]> {
  const work = stages.flatMap((stage) => stage.stamps.filter((s) => s.decision.action === 'deploy').map((stamp) => ({ stamp, stage: stage.name })));
  const results: StampWhatIf[] = new Array(work.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < work.length) {
      const i = next++;
      const { stamp, stage } = work[i];
      try {
        results[i] = await runner.whatIf(stamp, stage, signal);
      } catch (error) {
        results[i] = { stamp: stamp.id, stage, deploymentName: stamp.deploymentName, changes: [], error: { code: (error as { code?: string }).code ?? 'WhatIfFailed', message: (error as Error).message } };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(4, work.length) }, worker));
  return results;
}
