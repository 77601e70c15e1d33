import { describe, expect, it } from '@jest/globals';
import { planCommand } from '../../src/commands/plan.js';
import type { RolloutResult } from '../../src/engine/result.js';
import type { DeploymentRecords, StageOutcome, StageRunInfo } from '../../src/github/deployments.js';
import { checkText, trafficDoing } from '../../src/github/traffic-payload.js';
import { TrafficJobRecorder } from '../../src/github/traffic-records.js';
import { jobAndPrevious } from '../../src/plan/job-sequence.js';
import { repoRoot } from '../helpers/in-process-action.js';

const { plan } = planCommand({ specFile: '__tests__/fixtures/release-units/rollout.yaml', mode: 'standard', version: '2.0.0', env: {}, repoRoot });
const job = (name: string) => jobAndPrevious(plan, name)!.job;
const SHA = 'b'.repeat(40);

/** The DeploymentRecords port, keeping what a recorder started and how it finished it. */
function recording() {
  const started: StageRunInfo[] = [];
  const finished: StageOutcome[] = [];
  const records: DeploymentRecords = {
    start: async (run) => {
      started.push(run);
      return { id: 1, finish: async (outcome) => void finished.push(outcome) };
    },
    latest: async () => undefined,
  };
  return { records, started, finished };
}

const stepResult = (status: string, step: Record<string, unknown> | undefined, message = 'the unit was unhealthy'): RolloutResult =>
  ({ status, message, stages: [], releaseUnit: { unit: 'v2-0-0', previousUnit: 'v1-0-0', steps: step ? [step] : [] } }) as unknown as RolloutResult;
const teardownResult = (status: string, teardown: Record<string, unknown> | undefined, previousUnit: string | null = 'v1-0-0', message = 'traffic seen'): RolloutResult =>
  ({ status, message, stages: [], releaseUnit: { unit: 'v2-0-0', previousUnit, steps: [], teardown } }) as unknown as RolloutResult;

describe('checkText and trafficDoing', () => {
  it('say a metric check as a person reads it', () => {
    expect(checkText({ metric: 'errorRatio', maxErrorRatio: 0.05, windowMs: 300_000, minRequests: 5 })).toBe('errorRatio: 5xx under 5% over 5m, at least 5 request(s)');
    expect(checkText({ metric: 'errorRatio', maxErrorRatio: 0.00125, windowMs: 90_000, minRequests: 1 })).toBe('errorRatio: 5xx under 0.13% over 1m30s, at least 1 request(s)');
    expect(checkText({ metric: 'noTraffic', maxErrorRatio: 0.01, windowMs: 900_000, minRequests: 0 })).toBe('noTraffic: no request for 15m');
  });

  it('say what a job in progress is doing', () => {
    expect(trafficDoing({ kind: 'traffic-step', unit: 'v2-0-0', weights: { newUnit: 50, previousUnit: 50 }, bakeMs: 1_800_000, checks: [] })).toBe('Moving 50% of users to v2-0-0 (judged for 30m)');
    expect(trafficDoing({ kind: 'teardown', unit: 'v2-0-0', weights: { newUnit: 100, previousUnit: 0 }, bakeMs: 0, checks: [] })).toBe('Tearing down the unit before v2-0-0');
  });
});

describe('TrafficJobRecorder', () => {
  it('a traffic step records its weights and checks under its environment', async () => {
    const { records, started } = recording();
    await new TrafficJobRecorder(records, plan, job('traffic-10'), SHA).begin();
    expect(started).toEqual([
      {
        rolloutId: 'shop@2.0.0',
        version: '2.0.0',
        specHash: plan.rollout.specHash,
        stage: 'traffic-10',
        environment: 'prod-traffic-10',
        sha: SHA,
        mode: 'standard',
        stamps: [],
        traffic: { kind: 'traffic-step', unit: 'v2-0-0', weights: { newUnit: 10, previousUnit: 90 }, bakeMs: 1_800_000, checks: ['errorRatio: 5xx under 5% over 5m, at least 5 request(s)'] },
      },
    ]);
  });

  it('the teardown records all traffic on the new unit and the no-traffic check', async () => {
    const { records, started } = recording();
    await new TrafficJobRecorder(records, plan, job('teardown'), SHA).begin();
    expect(started.map((s) => [s.stage, s.environment, s.traffic])).toEqual([
      ['teardown', 'prod-teardown', { kind: 'teardown', unit: 'v2-0-0', weights: { newUnit: 100, previousUnit: 0 }, bakeMs: 0, checks: ['noTraffic: no request for 15m'] }],
    ]);
  });

  it('finish before begin records nothing', async () => {
    const { records, finished } = recording();
    await new TrafficJobRecorder(records, plan, job('traffic-50'), SHA).finish(stepResult('succeeded', { weight: 50, status: 'succeeded' }));
    expect(finished).toEqual([]);
  });

  const finish = async (name: string, result: RolloutResult | undefined, error?: string) => {
    const { records, finished } = recording();
    const recorder = new TrafficJobRecorder(records, plan, job(name), SHA);
    await recorder.begin();
    await recorder.finish(result, error);
    return finished;
  };

  it('a step that succeeded says the traffic it observed per unit and its verdicts', async () => {
    const step = { weight: 50, status: 'succeeded', observed: { 'v1-0-0': { requests: 240, errors: 0 }, 'v2-0-0': { requests: 260, errors: 1 } }, observedShare: 52, verdicts: [{ metric: 'errorRatio', outcome: 'healthy' }, { metric: 'latency', outcome: 'healthy' }] };
    expect(await finish('traffic-50', stepResult('succeeded', step))).toEqual([
      { state: 'success', rolledBack: false, description: 'traffic-50 succeeded: v2-0-0 at 50%, observed 52% (v1-0-0 240 req 0 5xx, v2-0-0 260 req 1 5xx); errorRatio healthy, latency healthy' },
    ]);
    // Already completed by an earlier run of the job counts as done; no observations, no share: nothing said of them.
    expect(await finish('traffic-50', stepResult('succeeded', { weight: 50, status: 'already-completed', verdicts: [] }))).toEqual([{ state: 'success', rolledBack: false, description: 'traffic-50 succeeded: ' }]);
    expect(await finish('traffic-50', stepResult('succeeded', { weight: 50, status: 'succeeded', observed: {} }))).toEqual([{ state: 'success', rolledBack: false, description: 'traffic-50 succeeded: v2-0-0 at 50%, observed 0% (); ' }]);
  });

  it('a step fails when the rollout did not succeed, when its own step did not, or when it has no step', async () => {
    expect(await finish('traffic-50', stepResult('rolled-back', { weight: 50, status: 'unhealthy' }, 'all traffic is back on v1-0-0'))).toEqual([{ state: 'failure', rolledBack: true, description: 'traffic-50 failed: all traffic is back on v1-0-0' }]);
    expect(await finish('traffic-50', stepResult('succeeded', { weight: 50, status: 'unhealthy' }, 'odd'))).toEqual([{ state: 'failure', rolledBack: false, description: 'traffic-50 failed: odd' }]);
    expect(await finish('traffic-50', stepResult('succeeded', { weight: 10, status: 'succeeded' }, 'not this step'))).toEqual([{ state: 'failure', rolledBack: false, description: 'traffic-50 failed: not this step' }]);
    expect(await finish('traffic-50', undefined, 'ARM unreachable')).toEqual([{ state: 'failure', rolledBack: false, description: 'traffic-50 failed: ARM unreachable' }]);
    expect(await finish('traffic-50', undefined)).toEqual([{ state: 'failure', rolledBack: false, description: 'traffic-50 failed: the job ended without a result' }]);
  });

  it('the teardown says what it removed and its checks, or why it failed', async () => {
    const checks = [{ metric: 'noTraffic', outcome: 'healthy' }];
    expect(await finish('teardown', teardownResult('succeeded', { status: 'succeeded', removedGroups: ['a', 'b'], checks }))).toEqual([
      { state: 'success', rolledBack: false, description: 'teardown succeeded: v1-0-0 removed (2 resource group(s)); noTraffic healthy' },
    ]);
    expect(await finish('teardown', teardownResult('succeeded', { status: 'succeeded', removedGroups: [], checks: [] }, null))).toEqual([
      { state: 'success', rolledBack: false, description: 'teardown succeeded: the old unit removed (0 resource group(s)); ' },
    ]);
    expect(await finish('teardown', teardownResult('failed', { status: 'failed', removedGroups: [], checks: [{ metric: 'noTraffic', outcome: 'unhealthy' }] }, 'v1-0-0', 'v1-0-0 still serves 3 requests'))).toEqual([
      { state: 'failure', rolledBack: false, description: 'teardown failed: noTraffic unhealthy; v1-0-0 still serves 3 requests' },
    ]);
    expect(await finish('teardown', teardownResult('succeeded', undefined, 'v1-0-0', 'no teardown ran'))).toEqual([{ state: 'failure', rolledBack: false, description: 'teardown failed: no teardown ran' }]);
  });
});
