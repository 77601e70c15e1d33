import { describe, expect, it } from '@jest/globals';
import { knownRunIds, newRunId, OtherRunInFlight, otherRuns, refuseWhileOtherRun } from '../../src/engine/other-runs.js';
import type { ActiveDeployment, Deployer, JournalEvent } from '../../src/engine/ports.js';
import type { PlanStamp } from '../../src/plan/types.js';
import { makePlan, stamp } from './fakes.js';

const plan = makePlan([{ name: 'canary', stamps: [stamp('app@eastus', { region: 'eastus' })] }]);
const running = (name: string, extra: Partial<ActiveDeployment> = {}): ActiveDeployment => ({ deploymentName: name, where: 'resource group rg-eastus', state: 'Running', ...extra });

describe('run ids', () => {
  it('are the first 13 characters of a random UUID, different each time', () => {
    const a = newRunId();
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}$/);
    expect(newRunId()).not.toBe(a);
  });

  it('a journal knows the ids of its started runs and of runs it took over, and no others', () => {
    const events: JournalEvent[] = [
      { type: 'rollout-started', rolloutId: 'r', at: 0, version: '1', mode: 'standard', specHash: 'h', runId: 'run-a' },
      { type: 'rollout-started', rolloutId: 'r', at: 1, version: '1', mode: 'standard', specHash: 'h' },
      { type: 'run-taken-over', rolloutId: 'r', at: 2, runId: 'run-b', from: ['run-c', 'run-d'], deployments: [], by: 'me' },
      { type: 'stamp-skipped', rolloutId: 'r', at: 3, stage: 's', stamp: 'x', reason: 'run-e' },
    ];
    expect([...knownRunIds(events)].sort()).toEqual(['run-a', 'run-b', 'run-c', 'run-d']);
  });

  it('other runs are those neither this run nor known to the journal; a deployment without a run id is another run', () => {
    const active = [running('mine', { runId: 'me' }), running('known', { runId: 'old' }), running('other', { runId: 'them' }), running('untagged')];
    expect(otherRuns(active, 'me', new Set(['old'])).map((d) => d.deploymentName)).toEqual(['other', 'untagged']);
  });
});

describe('OtherRunInFlight', () => {
  it('names the first deployment with everything known of it and counts the rest', () => {
    const error = new OtherRunInFlight(
      'contoso',
      [running('app-eastus-2.0.0', { runId: 'run-x', rolloutId: 'contoso@2.0.0', startedAt: Date.UTC(2026, 0, 2, 3, 4, 5), restoredFrom: 'app-eastus-1.0.0' }), running('a2'), running('a3')],
      '--break-lease',
    );
    expect(error.name).toBe('OtherRunInFlight');
    expect(error.deployments.length).toBe(3);
    expect(error.message).toBe(
      'another run of contoso is in flight: deployment app-eastus-2.0.0 (a rollback restoring app-eastus-1.0.0) in resource group rg-eastus is Running for run run-x of contoso@2.0.0, running since 2026-01-02T03:04:05.000Z and 2 more deployment(s) (a2, a3). ' +
        'Nothing was deployed. Wait for that run to finish and re-run. If that run is gone (its machine or job died), re-run with --break-lease: this run then takes over its deployments, and the journal records it.',
    );
  });

  it('says what it does not know of a lone deployment', () => {
    expect(new OtherRunInFlight('contoso', [running('d1', { state: 'Accepted' })], 'break-lease: true').message).toBe(
      'another run of contoso is in flight: deployment d1 in resource group rg-eastus is Accepted for run (no run id) of an unknown rollout. ' +
        'Nothing was deployed. Wait for that run to finish and re-run. If that run is gone (its machine or job died), re-run with break-lease: true: this run then takes over its deployments, and the journal records it.',
    );
  });
});

describe('refuseWhileOtherRun', () => {
  const deployer = (active: ActiveDeployment[], seen: string[][] = []): Deployer =>
    ({
      async activeDeployments(stamps: PlanStamp[]) {
        seen.push(stamps.map((s) => s.id));
        return active;
      },
    }) as unknown as Deployer;
  const signal = new AbortController().signal;

  it('passes when the deployer cannot list running deployments', async () => {
    expect(await refuseWhileOtherRun({ plan, deployer: {} as Deployer, runId: 'me', events: [], flag: '--break-lease', now: 0, signal })).toEqual([]);
  });

  it('asks about every stamp of the plan and passes when only its own runs are running', async () => {
    const seen: string[][] = [];
    const records: JournalEvent[] = [];
    const result = await refuseWhileOtherRun({
      plan,
      deployer: deployer([running('mine', { runId: 'me' })], seen),
      runId: 'me',
      events: [],
      takeOver: { by: 'ops', record: async (e) => void records.push(e) },
      flag: '--break-lease',
      now: 0,
      signal,
    });
    expect(result).toEqual([]);
    expect(seen).toEqual([['app@eastus']]);
    expect(records).toEqual([]);
  });

  it('refuses, naming the spec without the version, when another run is deploying', async () => {
    const p = makePlan([{ name: 'canary', stamps: [stamp('app@eastus', { region: 'eastus' })] }], {}, '3.1.0');
    p.rollout.id = 'my@spec@3.1.0';
    await expect(refuseWhileOtherRun({ plan: p, deployer: deployer([running('d1', { runId: 'them' })]), runId: 'me', events: [], flag: '--break-lease', now: 0, signal })).rejects.toThrow(
      'another run of my@spec is in flight: deployment d1 in resource group rg-eastus is Running for run them of an unknown rollout. ',
    );
  });

  it('takes over when asked: records who, from which runs (each once) and which deployments', async () => {
    const records: JournalEvent[] = [];
    const others = [running('d1', { runId: 'them' }), running('d2', { runId: 'them' }), running('d3')];
    const result = await refuseWhileOtherRun({
      plan,
      deployer: deployer(others),
      runId: 'me',
      events: [],
      takeOver: { by: 'ops@host', record: async (e) => void records.push(e) },
      flag: '--break-lease',
      now: 1234,
      signal,
    });
    expect(result).toEqual(others);
    expect(records).toEqual([{ type: 'run-taken-over', rolloutId: 'contoso@2.0.0', at: 1234, runId: 'me', from: ['them', '(no run id)'], deployments: ['d1', 'd2', 'd3'], by: 'ops@host' }]);
  });
});
