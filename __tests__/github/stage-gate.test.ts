import { startGitHubSim, type GitHubSim } from '../../sim/github/index.js';
import { createGitHubClient } from '../../src/github/client.js';
import { GitHubDeploymentRecords, recordEnvironment } from '../../src/github/deployments.js';
import { checkPreviousStage, GateRefusal } from '../../src/github/stage-gate.js';
import type { Plan } from '../../src/plan/types.js';
import { VirtualClock } from '../../src/time/clock.js';
import { HOUR, MIN, makePlan, regionStamps } from '../engine/fakes.js';

// A stage's bake starts when the stage ended (its record's success status), not when its job began: a one-hour
// stage followed by a four-hour bake leaves the next stage four hours after that hour, not three.
describe('the gate before a stage job: the previous stage\'s bake, counted from its end', () => {
  const START = Date.UTC(2026, 0, 1, 12);
  let clock: VirtualClock;
  let sim: GitHubSim;
  let plan: Plan;
  const records = () => new GitHubDeploymentRecords({ client: createGitHubClient('github-token', { apiUrl: sim.url }), owner: 'contoso', repo: 'web', logUrl: 'https://github.com/contoso/web/actions/runs/1' });

  beforeEach(async () => {
    clock = new VirtualClock(START);
    sim = await startGitHubSim({ clock, tokens: [{ token: 'github-token', permissions: { deployments: 'write' } }] });
    plan = makePlan([
      { name: 'canary', stamps: regionStamps('eastus'), bakeMs: 4 * HOUR },
      { name: 'pilot', stamps: regionStamps('westus') },
    ]);
  });
  afterEach(async () => {
    clock.stop();
    await sim.stop();
  });

  /** Stage canary ran from START for `tookMs`, then succeeded. */
  async function canaryRan(tookMs: number): Promise<void> {
    const { id, version, specHash } = plan.rollout;
    const canary = plan.stages[0];
    const deployment = await records().start({ rolloutId: id, version, specHash, stage: canary.name, environment: recordEnvironment(canary, plan.rollout.name), sha: 'a'.repeat(40), mode: 'standard', stamps: canary.stamps.map((s) => s.id) });
    clock.advance(tookMs);
    await deployment.finish({ state: 'success' });
  }

  async function gate(maxWaitMs: number) {
    const lines: string[] = [];
    const started = clock.now();
    clock.start();
    try {
      await checkPreviousStage({ records: records(), plan, stage: plan.stages[1], clock, maxWaitMs, log: (l) => lines.push(l), signal: new AbortController().signal });
      return { waitedMs: clock.now() - started, lines };
    } finally {
      clock.stop();
    }
  }

  it('waits exactly what is left of the bake after the stage\'s end', async () => {
    await canaryRan(HOUR);
    clock.advance(3 * HOUR + 30 * MIN); // the next job started 3h30m after canary ended
    const { waitedMs, lines } = await gate(5 * HOUR);
    expect(waitedMs).toBe(30 * MIN);
    expect(lines).toEqual(['stage canary succeeded; waiting 30m for the rest of its 4h bake']);
  });

  it('refuses when the rest of the bake is longer than the job may wait, and says how long', async () => {
    await canaryRan(2 * HOUR);
    clock.advance(3 * HOUR);
    await expect(gate(10 * MIN)).rejects.toThrow(new GateRefusal(
      'stage canary is still baking: its bake of 4h ends in 1h, longer than this job waits (max-wait 10m). Give environment contoso-pilot a wait timer of 240 minutes (staged-rollout environments sets it from the spec) so the job starts when the bake is over, then re-run this job.',
    ));
  });

  it('waits when the rest of the bake is exactly what the job may wait', async () => {
    await canaryRan(HOUR);
    clock.advance(3 * HOUR + 30 * MIN);
    expect(await gate(30 * MIN)).toEqual({ waitedMs: 30 * MIN, lines: ['stage canary succeeded; waiting 30m for the rest of its 4h bake'] });
  });

  it('refuses without GitHub\'s records, which alone can say the previous stage succeeded', async () => {
    const refusal = checkPreviousStage({ records: undefined, plan, stage: plan.stages[1], clock, maxWaitMs: HOUR, log: () => undefined, signal: new AbortController().signal });
    await expect(refusal).rejects.toThrow(GateRefusal);
    await expect(refusal).rejects.toThrow(/^stage pilot runs after stage canary, and only GitHub's deployment records can say that canary succeeded: give the action a token \(the default, github\.token, with permissions: deployments: read\)\.$/);
  });

  it('a traffic step bakes in its own job: once it succeeded, the next job goes at once, its bake named only when it had one', async () => {
    plan.releaseUnits = {
      strategy: 'releaseUnit',
      unit: 'blue',
      components: ['app'],
      onAbort: 'keep',
      traffic: { component: 'frontdoor', parameter: 'weights', hostOutput: 'host', intervalMs: MIN, steps: [{ weight: 10, bakeMs: 4 * HOUR, environment: 'prod-10' }, { weight: 100, bakeMs: 0 }], health: [] },
      teardown: { checks: [] },
    };
    const { id, version, specHash } = plan.rollout;
    for (const job of [{ name: 'traffic-10', environment: 'prod-10' }, { name: 'traffic-100', environment: undefined }]) {
      const record = await records().start({ rolloutId: id, version, specHash, stage: job.name, environment: recordEnvironment(job, plan.rollout.name), sha: 'a'.repeat(40), mode: 'standard', stamps: [] });
      await record.finish({ state: 'success' });
    }
    // The 4h bake of traffic-10 was judged inside its job, which just ended: nothing is left to wait for.
    const lines: string[] = [];
    const gateJob = (name: string) => checkPreviousStage({ records: records(), plan, stage: { name }, clock, maxWaitMs: 0, log: (l) => lines.push(l), signal: new AbortController().signal });
    await gateJob('traffic-100');
    await gateJob('teardown');
    expect(lines).toEqual([
      expect.stringMatching(/^stage traffic-10 succeeded \(GitHub deployment \d+\) and its 4h bake was judged in its own job$/),
      expect.stringMatching(/^stage traffic-100 succeeded \(GitHub deployment \d+\)$/),
    ]);
    expect(clock.now()).toBe(START);
  });

  it('does not wait at all once the bake is over', async () => {
    await canaryRan(HOUR);
    clock.advance(4 * HOUR);
    expect(await gate(5 * HOUR)).toEqual({ waitedMs: 0, lines: [expect.stringMatching(/^stage canary succeeded \(GitHub deployment \d+\) and its 4h bake is over$/)] });
  });
});
