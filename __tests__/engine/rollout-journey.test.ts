import { describe, expect, it } from '@jest/globals';
import type { MemoryJournal } from '../../src/engine/journal.js';
import { harness, HOUR, makePlan, stamp } from './fakes.js';

const T0 = Date.UTC(2026, 0, 1);
const R = 'contoso@2.0.0';
const plan = () =>
  makePlan([
    { name: 'canary', stamps: [stamp('cluster@eastus', { region: 'eastus', skip: true, health: null }), stamp('app@eastus', { region: 'eastus', requires: ['cluster@eastus'] })], bakeMs: HOUR },
    { name: 'pilot', stamps: [stamp('app@westus', { region: 'westus' })], bakeMs: 0 },
  ]);

describe('a rollout from start to end', () => {
  it('records and reports its start (with the run id), each bake, and counts deployed and skipped stamps', async () => {
    const h = harness(plan());
    const result = await h.run({ runId: 'run-1' });
    expect(result.message).toBe('2 stage(s) succeeded: 2 stamp(s) deployed, 1 skipped');
    const events = (h.journal as MemoryJournal).events;
    expect(events[0]).toEqual({ type: 'rollout-started', rolloutId: R, at: T0, version: '2.0.0', mode: 'standard', specHash: 'spec-hash', runId: 'run-1' });
    expect(events.at(-1)).toEqual({ type: 'rollout-finished', rolloutId: R, at: result.finishedAt, status: 'succeeded' });
    expect(h.reporter.events[0]).toEqual({ type: 'rollout-started', rolloutId: R, version: '2.0.0', mode: 'standard', stages: ['canary', 'pilot'], resumed: false });
    expect(h.reporter.of('bake-started')).toEqual([{ type: 'bake-started', stage: 'canary', bakeMs: HOUR, remainingMs: HOUR }]);
    expect(h.reporter.of('stage-finished').map((e) => [e.stage, e.status, e.durationMs])).toEqual(result.stages.map((s) => [s.name, 'succeeded', s.finishedAt! - s.startedAt!]));
    expect(h.reporter.of('stamp-skipped')).toEqual([{ type: 'stamp-skipped', stage: 'canary', stamp: 'cluster@eastus', reason: 'unchanged', detail: 'template and parameters unchanged' }]);
    expect(events.filter((e) => e.type === 'stamp-skipped')).toEqual([{ type: 'stamp-skipped', rolloutId: R, at: T0, stage: 'canary', stamp: 'cluster@eastus', reason: 'unchanged' }]);
    expect(h.deployer.requests[0].tags).toEqual({ 'rollout-id': R, 'rollout-version': '2.0.0', 'rollout-stage': 'canary', 'rollout-stamp': 'app@eastus', 'rollout-content-hash': 'hash-app@eastus', 'rollout-spec-hash': 'spec-hash', 'rollout-run': 'run-1' });
  });

  it('without a run id records none, and tags none', async () => {
    const h = harness(plan());
    await h.run();
    expect('runId' in (h.journal as MemoryJournal).events[0]).toBe(false);
    expect(Object.keys(h.deployer.requests[0].tags).sort()).toEqual(['rollout-content-hash', 'rollout-id', 'rollout-spec-hash', 'rollout-stage', 'rollout-stamp', 'rollout-version']);
  });

  it('a re-run of a finished rollout finds every stage completed, naming the earlier deployments', async () => {
    const h = harness(plan());
    await h.run();
    h.deployer.started.length = 0;
    const again = await h.run();
    expect(again.resumed).toBe(true);
    expect(again.message).toBe('2 stage(s) succeeded: 0 stamp(s) deployed, 3 skipped');
    expect(again.stages.map((s) => s.status)).toEqual(['already-completed', 'already-completed']);
    expect(again.stages[0].stamps.map((s) => [s.id, s.status, s.decision.detail])).toEqual([
      ['cluster@eastus', 'skipped', 'template and parameters unchanged'],
      ['app@eastus', 'skipped', 'stage completed by this rollout in an earlier run (app-eastus-2.0.0)'],
    ]);
    expect(again.stages[0].stamps[1]).toMatchObject({ deploymentId: '/d/app@eastus/2.0.0', deploymentName: 'app-eastus-2.0.0' });
    expect(h.deployer.started).toEqual([]);
  });

  it('a stage job checks that the stage before it is still healthy, and rolls that stage back when not', async () => {
    const h = harness(plan());
    expect((await h.run({ stage: 'canary', bakeBetweenJobs: true })).status).toBe('succeeded');
    h.prober.unhealthy = (id) => id === 'app@eastus' && h.deployer.current(id)?.version === '2.0.0';
    const pilot = await h.run({ stage: 'pilot', bakeBetweenJobs: true });
    expect(pilot.message).toBe('before stage pilot, stage canary is app@eastus unhealthy in within: not healthy within 0s: GET https://app@eastus.example/2.0.0/healthz -> 503; rolled back 1 stamp(s) (scope stage)');
    expect(pilot.previousStage!.name).toBe('canary');
    expect(pilot.previousStage!.stamps.map((s) => [s.id, s.recheck.healthy, s.recheck.phase, s.recheck.probes])).toEqual([['app@eastus', false, 'within', 1]]);
    expect(h.deployer.rollbacks).toEqual(['app@eastus']);
    expect(h.deployer.started.filter((id) => id.endsWith('westus'))).toEqual([]);
    expect((h.journal as MemoryJournal).events.filter((e) => e.type === 'stage-probed').at(-1)).toMatchObject({ stage: 'canary', check: 'recheck', healthy: false });
  });
});
