import { describe, expect, it } from '@jest/globals';
import { DEPLOYMENT_TAGS } from '../../src/plan/types.js';
import { MIN, harness, makePlan, regionStamps } from './fakes.js';

// A re-run of the same version trusts the journal only for stamps whose content is what it deployed: a template or
// parameter changed between the runs must reach ARM, not be skipped as "already deployed by this rollout".
describe('resume after the content changed', () => {
  it('redeploys exactly the stamps whose content hash changed since the earlier run', async () => {
    const plan = makePlan([
      { name: 'canary', stamps: regionStamps('eastus'), bakeMs: 0 },
      { name: 'pilot', stamps: regionStamps('westus'), bakeMs: 0 },
    ]);
    const h = harness(plan);
    const abort = new AbortController();
    h.reporter.onEvent = (e) => {
      if (e.type === 'stamp-deployed' && e.stamp === 'app@eastus') abort.abort(new Error('SIGTERM'));
    };
    expect((await h.run({ signal: abort.signal })).status).toBe('canceled');
    expect(h.deployer.completed).toEqual(['cluster@eastus', 'app@eastus']);

    // Between the runs, app@eastus's parameters changed; cluster@eastus's did not.
    const app = plan.stages[0].stamps.find((s) => s.id === 'app@eastus')!;
    app.contentHash = 'hash-app@eastus-after-a-parameter-change';
    h.reporter.onEvent = undefined;
    h.deployer.completed.length = 0;
    const second = await h.run();

    expect(second.status).toBe('succeeded');
    expect(h.deployer.completed).toEqual(['app@eastus', 'cluster@westus', 'app@westus']);
    const canary = second.stages[0].stamps;
    expect(canary.find((s) => s.id === 'cluster@eastus')).toMatchObject({ status: 'skipped', decision: { reason: 'already-deployed-by-this-rollout' } });
    expect(canary.find((s) => s.id === 'app@eastus')!.status).toBe('deployed');
    // Said as a change of content (the journal's hash is not the plan's), before ARM is even asked.
    expect(canary.find((s) => s.id === 'app@eastus')!.decision).toEqual({ action: 'deploy', reason: 'changed', detail: "template or parameters changed since the earlier run deployed app-eastus-2.0.0" });
    // What ARM now runs is the new content, tagged with the new hash.
    expect(h.deployer.current('app@eastus')!.contentHash).toBe('hash-app@eastus-after-a-parameter-change');
    expect(h.deployer.requests.filter((r) => r.stamp.id === 'app@eastus').map((r) => r.tags[DEPLOYMENT_TAGS.contentHash])).toEqual([
      'hash-app@eastus',
      'hash-app@eastus-after-a-parameter-change',
    ]);
  });

  it('skips everything the earlier run deployed when nothing changed', async () => {
    const plan = makePlan([{ name: 'canary', stamps: regionStamps('eastus'), bakeMs: 10 * MIN }]);
    const h = harness(plan);
    expect((await h.run()).status).toBe('succeeded');
    h.deployer.completed.length = 0;
    const again = await h.run();
    expect(again.status).toBe('succeeded');
    expect(h.deployer.completed).toEqual([]);
  });

  it("keeps the plan's own reason for a stamp it skips, even when the journal's content for it is older", async () => {
    const plan = makePlan([{ name: 'canary', stamps: regionStamps('eastus'), bakeMs: 0 }]);
    const h = harness(plan);
    const abort = new AbortController();
    h.reporter.onEvent = (e) => {
      if (e.type === 'stamp-deployed' && e.stamp === 'app@eastus') abort.abort(new Error('SIGTERM'));
    };
    expect((await h.run({ signal: abort.signal })).status).toBe('canceled');

    // Between the runs the content changed, and the new plan found ARM already holding it: skip, "unchanged".
    const app = plan.stages[0].stamps.find((s) => s.id === 'app@eastus')!;
    app.contentHash = 'hash-app@eastus-as-arm-has-it';
    app.decision = { action: 'skip', reason: 'unchanged', detail: 'template and parameters unchanged' };
    h.reporter.onEvent = undefined;
    const second = await h.run();
    expect(second.stages[0].stamps.find((s) => s.id === 'app@eastus')).toMatchObject({
      status: 'skipped',
      decision: { action: 'skip', reason: 'unchanged', detail: 'template and parameters unchanged' },
    });
  });
});
