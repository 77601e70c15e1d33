import { startGitHubSim, type GitHubSim } from '../../sim/github/index.js';
import { planCommand } from '../../src/commands/plan.js';
import type { RolloutResult } from '../../src/engine/result.js';
import { createGitHubClient } from '../../src/github/client.js';
import { GitHubDeploymentRecords } from '../../src/github/deployments.js';
import { recordIntervention } from '../../src/github/interventions.js';
import { checkPreviousStage, GateRefusal } from '../../src/github/stage-gate.js';
import { TrafficJobRecorder } from '../../src/github/traffic-records.js';
import { jobAndPrevious, rolloutJobs } from '../../src/plan/job-sequence.js';
import { VirtualClock } from '../../src/time/clock.js';
import { repoRoot } from '../helpers/run-action.js';

const SPEC = '__tests__/fixtures/release-units/rollout.yaml';

// The jobs after a release unit's stages (traffic steps, teardown) go through the stage gate and leave records the
// same way; here against the local GitHub API, on a virtual clock, with results as the controller returns them.
describe('the gate and records of traffic-step and teardown jobs', () => {
  const START = Date.UTC(2026, 0, 1, 12);
  let clock: VirtualClock;
  let sim: GitHubSim;
  const client = () => createGitHubClient('github-token', { apiUrl: sim.url });
  const records = () => new GitHubDeploymentRecords({ client: client(), owner: 'contoso', repo: 'web', logUrl: 'https://github.com/contoso/web/actions/runs/1' });
  const { plan } = planCommand({ specFile: SPEC, mode: 'standard', version: '2.0.0', env: {}, repoRoot });
  const job = (name: string) => jobAndPrevious(plan, name)!.job;

  beforeEach(async () => {
    clock = new VirtualClock(START);
    sim = await startGitHubSim({ clock, tokens: [{ token: 'github-token', permissions: { deployments: 'write' } }] });
  });
  afterEach(async () => {
    clock.stop();
    await sim.stop();
  });

  const gate = async (name: string, maxWaitMs = 0) => {
    const lines: string[] = [];
    await checkPreviousStage({ records: records(), plan, stage: { name }, clock, maxWaitMs, log: (l) => lines.push(l), signal: new AbortController().signal });
    return lines;
  };
  const result = (status: RolloutResult['status'], message: string, step: { weight: number; status: string; observed?: Record<string, { requests: number; errors: number }>; observedShare?: number }): RolloutResult =>
    ({
      rolloutId: plan.rollout.id, version: '2.0.0', mode: 'standard', status, message, startedAt: START, finishedAt: START, durationMs: 0, resumed: false, stages: [],
      releaseUnit: { strategy: 'releaseUnit', unit: 'v2-0-0', previousUnit: 'v1-0-0', steps: [{ bakeMs: 1_800_000, verdicts: [{ metric: 'errorRatio', outcome: status === 'succeeded' ? 'healthy' : 'unhealthy', requests: 0, errors: 0, windowMs: 0, detail: '', at: START }], ...step }] },
    }) as RolloutResult;

  it('orders the jobs: stages, the steps by weight, the teardown; a hotfix has no traffic job', () => {
    expect(rolloutJobs(plan).map((j) => `${j.name}:${j.environment ?? '-'}`)).toEqual(['first:-', 'rest:-', 'traffic-10:prod-traffic-10', 'traffic-50:prod-traffic-50', 'traffic-100:prod-traffic-100', 'teardown:prod-teardown']);
    const hotfix = planCommand({ specFile: SPEC, mode: 'hotfix', version: '2.0.1', env: {}, repoRoot }).plan;
    expect(rolloutJobs(hotfix).map((j) => j.name)).toEqual(['first', 'rest']);
  });

  it('a failed step\'s record says what it saw, and the next step refuses with the stage gate\'s words', async () => {
    const fifty = new TrafficJobRecorder(records(), plan, job('traffic-50'), 'a'.repeat(40));
    await fifty.begin();
    await fifty.finish(result('rolled-back', 'unit v2-0-0 unhealthy at 50%: 5xx 9.1% over 5m; all traffic is back on unit v1-0-0', { weight: 50, status: 'unhealthy', observed: { 'v1-0-0': { requests: 240, errors: 0 }, 'v2-0-0': { requests: 260, errors: 24 } }, observedShare: 52 }));
    const [deployment] = (await client().rest.repos.listDeployments({ owner: 'contoso', repo: 'web', environment: 'prod-traffic-50' })).data;
    const statuses = (await client().rest.repos.listDeploymentStatuses({ owner: 'contoso', repo: 'web', deployment_id: deployment.id })).data.reverse();
    expect(statuses.map((s) => s.state)).toEqual(['in_progress', 'failure']);
    expect(statuses[1].description).toBe('traffic-50 failed: v2-0-0 at 50%, observed 52% (v1-0-0 240 req 0 5xx, v2-0-0 260 req 24 5xx); unit v2-0-0 unhealthy at 50%: 5xx 9.1% over 5…');
    await expect(gate('traffic-100')).rejects.toThrow(new GateRefusal(`stage traffic-50 of shop@2.0.0 failed: ${statuses[1].description}. Stage traffic-100 deploys only after traffic-50 succeeded; fix and re-run from the failed stage.`));
  });

  it('a step still in progress holds the next one; an abort of a step that succeeded stops the next; a teardown waits for the 100 % step', async () => {
    const ten = new TrafficJobRecorder(records(), plan, job('traffic-10'), 'a'.repeat(40));
    await ten.begin();
    await expect(gate('traffic-50')).rejects.toThrow('stage traffic-10 of shop@2.0.0 is still in progress (or its job died). Stage traffic-50 deploys only after traffic-10 succeeded');
    await ten.finish(result('succeeded', 'ok', { weight: 10, status: 'succeeded', observed: { 'v1-0-0': { requests: 90, errors: 0 }, 'v2-0-0': { requests: 10, errors: 0 } }, observedShare: 10 }));
    expect(await gate('traffic-50')).toEqual([expect.stringMatching(/^stage traffic-10 succeeded \(GitHub deployment \d+\) and its 30m bake was judged in its own job$/)]);
    await recordIntervention({ client: client(), owner: 'contoso', repo: 'web', plan, stage: 'traffic-10', action: 'abort', by: 'dana', reason: '5xx in the support queue' });
    await expect(gate('traffic-50')).rejects.toThrow('stage traffic-10 of shop@2.0.0 failed: Aborted by dana: 5xx in the support queue.');
    await expect(gate('teardown')).rejects.toThrow('stage traffic-100 of shop@2.0.0 has not run (no GitHub deployment record for this version and spec): stage teardown cannot start before it.');
  });

  it('step 1 waits for the last stage\'s bake like a stage does, and a promote of that stage lets it go now', async () => {
    // The job-by-job fixture: stage rest bakes 1s, its environment is shopjobs-rest.
    const jobs = planCommand({ specFile: '__tests__/fixtures/release-units/gated-jobs.yaml', mode: 'standard', version: '2.0.0', env: {}, repoRoot }).plan;
    const rest = jobs.stages[1];
    const { id, version, specHash } = jobs.rollout;
    const record = await records().start({ rolloutId: id, version, specHash, stage: rest.name, environment: 'shopjobs-rest', sha: 'a'.repeat(40), mode: 'standard', stamps: [] });
    await record.finish({ state: 'success' });
    const gateOf = async () => {
      const lines: string[] = [];
      await checkPreviousStage({ records: records(), plan: jobs, stage: { name: 'traffic-10' }, clock, maxWaitMs: 0, log: (l) => lines.push(l), signal: new AbortController().signal });
      return lines;
    };
    await expect(gateOf()).rejects.toThrow('stage rest is still baking: its bake of 1s ends in 1s, longer than this job waits (max-wait 0s). Give environment shopjobs-traffic-10 a wait timer of 1 minute');
    await recordIntervention({ client: client(), owner: 'contoso', repo: 'web', plan: jobs, stage: 'rest', action: 'promote', by: 'dana', reason: 'incident 4711' });
    expect(await gateOf()).toEqual(['stage rest succeeded and was promoted past its bake (Promoted by dana: incident 4711)']);
  });
});
