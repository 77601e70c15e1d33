import { describe, expect, it } from '@jest/globals';
import type { RunContext } from '../../src/engine/context.js';
import type { StampProgress } from '../../src/engine/journal.js';
import type { PreviousDeployment } from '../../src/engine/ports.js';
import { resumeVerdict } from '../../src/engine/resume-truth.js';
import { stamp } from './fakes.js';

const app = stamp('app@eastus', { region: 'eastus' }); // contentHash 'hash-app@eastus'
const earlier: StampProgress = { stage: 'canary', contentHash: 'hash-app@eastus', deploymentId: '/d/1', deploymentName: 'app-eastus-2.0.0', durationMs: 1, outputs: {}, at: 5 };

/** Just what resumeVerdict reads of a run. */
function ctx(known: StampProgress | undefined, live: PreviousDeployment | undefined) {
  const asked: unknown[] = [];
  const c = {
    plan: { rollout: { id: 'contoso@2.0.0' } },
    signal: new AbortController().signal,
    resumeVerdicts: new Map(),
    resume: { deployed: new Map(known ? [[app.id, known]] : []) },
    ports: {
      deployer: {
        async lastSuccessful(_s: unknown, options: unknown) {
          asked.push(options);
          return live;
        },
      },
    },
  } as unknown as RunContext;
  return { c, asked };
}
const liveOf = (over: Partial<PreviousDeployment> = {}): PreviousDeployment => ({ deploymentName: 'app-eastus-2.0.0', rolloutId: 'contoso@2.0.0', contentHash: 'hash-app@eastus', version: '2.0.0', ...over });

describe('resumeVerdict', () => {
  it('unknown when the journal never deployed the stamp, without asking ARM', async () => {
    const { c, asked } = ctx(undefined, liveOf());
    expect(await resumeVerdict(c, app)).toEqual({ kind: 'unknown' });
    expect(asked).toEqual([]);
  });

  it('changed when the content differs from what the earlier run deployed', async () => {
    const { c, asked } = ctx({ ...earlier, contentHash: 'older' }, liveOf());
    expect(await resumeVerdict(c, app)).toEqual({ kind: 'changed', detail: 'template or parameters changed since the earlier run deployed app-eastus-2.0.0' });
    expect(asked).toEqual([]);
  });

  it('confirmed when ARM\'s latest is this rollout with this content (or no content hash), asked without exclusions', async () => {
    const { c, asked } = ctx(earlier, liveOf());
    expect(await resumeVerdict(c, app)).toEqual({ kind: 'confirmed', earlier });
    expect(asked).toEqual([{}]);
    expect((await resumeVerdict(ctx(earlier, liveOf({ contentHash: undefined })).c, app)).kind).toBe('confirmed');
  });

  it('replaced when ARM\'s latest is another rollout, other content, or nothing', async () => {
    expect(await resumeVerdict(ctx(earlier, liveOf({ deploymentName: 'app-eastus-1.0.0', rolloutId: 'contoso@1.0.0', version: '1.0.0' })).c, app)).toEqual({
      kind: 'replaced',
      detail: "the earlier run deployed app-eastus-2.0.0, but ARM's latest is app-eastus-1.0.0 (version 1.0.0): deploying again",
    });
    expect(await resumeVerdict(ctx(earlier, liveOf({ contentHash: 'edited', version: undefined, deploymentName: 'hand-made' })).c, app)).toEqual({
      kind: 'replaced',
      detail: "the earlier run deployed app-eastus-2.0.0, but ARM's latest is hand-made: deploying again",
    });
    expect(await resumeVerdict(ctx(earlier, undefined).c, app)).toEqual({
      kind: 'replaced',
      detail: "the earlier run deployed app-eastus-2.0.0, but ARM's latest is no successful deployment: deploying again",
    });
  });

  it('asks ARM once per run and stamp', async () => {
    const { c, asked } = ctx(earlier, liveOf());
    await resumeVerdict(c, app);
    await resumeVerdict(c, app);
    expect(asked.length).toBe(1);
  });
});
