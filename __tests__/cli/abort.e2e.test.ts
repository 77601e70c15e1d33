import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startArmSim, type ArmSim } from '../../sim/index.js';
import { JournalLease } from '../../src/engine/journal-lease.js';
import { runCli } from '../helpers/run-action.js';

const SPEC = '__tests__/fixtures/abort/rollout.yaml';

/** Which version each region's app runs, by the simulated endpoint. */
const versions = (sim: ArmSim): Record<string, string> => Object.fromEntries(sim.apps().map((a) => [a.region, a.version]));

describe('abort --rollback in the terminal', () => {
  let sim: ArmSim;
  let journal: string;
  let target: string[];
  beforeEach(async () => {
    sim = await startArmSim({ deploymentLatencyMs: 200 });
    journal = path.join(mkdtempSync(path.join(tmpdir(), 'staged-rollout-abort-')), 'journal.jsonl');
    target = ['--spec', SPEC, '--arm-endpoint', sim.endpoint, '--arm-ca', sim.caFile, '--journal', journal];
    expect((await runCli(['deploy', ...target, '--version', '1.0.0'])).code).toBe(0);
    for (const stage of ['one', 'two']) expect((await runCli(['deploy', ...target, '--version', '2.0.0', '--stage', stage])).code).toBe(0);
    expect(versions(sim)).toEqual({ eastus: '2.0.0', westus: '2.0.0', northeurope: '1.0.0' });
  }, 120_000);
  afterEach(async () => {
    await sim.stop();
  });

  it('rolls back, per rollback.scope rollout, every stage up to the one in flight, and says to which version', async () => {
    const run = await runCli(['abort', ...target, '--version', '2.0.0', '--rollback', '--reason', 'p99 latency doubled', '--by', 'dana']);
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
    expect(run.stdout).toContain('abortfx@2.0.0: stage two of abortfx@2.0.0 aborted: rolled back 2 stamp(s) (scope rollout)');
    expect(run.stdout).toMatch(/ {2}app@westus \(stage two\): rolled-back to 1\.0\.0 \(abortfx-app-westus-1\.0\.0[^)]*\): restored .*; healthy/);
    expect(run.stdout).toMatch(/ {2}app@eastus \(stage one\): rolled-back to 1\.0\.0 \(abortfx-app-eastus-1\.0\.0[^)]*\)/);
    // Latest deployment first: westus (stage two) before eastus (stage one).
    expect(run.stdout.indexOf('app@westus: rollback rolled-back')).toBeLessThan(run.stdout.indexOf('app@eastus: rollback rolled-back'));
    expect(run.stdout).toContain(`recorded in ${journal}: abort of stage two by dana: p99 latency doubled`);
    expect(versions(sim)).toEqual({ eastus: '1.0.0', westus: '1.0.0', northeurope: '1.0.0' });
    const events = readFileSync(journal, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>).filter((e) => e.rolloutId === 'abortfx@2.0.0');
    expect(events.filter((e) => e.type === 'rollback-started').map((e) => [e.scope, e.stage, e.reason])).toEqual([['rollout', 'two', 'aborted by dana: p99 latency doubled']]);
    expect(events.filter((e) => e.type === 'stamp-rolled-back').map((e) => [e.stamp, e.outcome])).toEqual([['app@westus', 'rolled-back'], ['app@eastus', 'rolled-back']]);
    expect(events.filter((e) => e.type === 'operator')).toMatchObject([{ action: 'abort', stage: 'two', by: 'dana', reason: 'p99 latency doubled' }]);
    // Stage three was never reached: nothing of it changed.
    expect(sim.requests.filter((r) => r.method === 'PUT' && r.path.includes('abortfx-neu') && r.path.includes('2.0.0'))).toEqual([]);

    // Nothing is left to roll back: a second abort says so and fails.
    const again = await runCli(['abort', ...target, '--version', '2.0.0', '--rollback', '--reason', 'twice', '--by', 'dana']);
    expect(again.code).toBe(1);
    expect(again.stdout).toContain("abortfx@2.0.0 deployed nothing, by the journal and ARM's tags: nothing to roll back");
  }, 120_000);

  it("a rollback ARM refuses is reported with ARM's code, message and correlation id, and exits 1", async () => {
    sim.faults.add({ kind: 'deploymentFails', region: 'westus', code: 'SkuNotAvailable', message: 'The requested size is not available in westus.' });
    const run = await runCli(['abort', ...target, '--version', '2.0.0', '--stage', 'two', '--rollback', '--reason', 'bad build', '--by', 'dana']);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/app@westus \(stage two\): failed: rollback failed: (DeploymentFailed|SkuNotAvailable): .*The requested size is not available in westus\..*\(correlation id [0-9a-f-]{36}\)/);
    expect(run.stdout).toContain('the rollback (scope rollout) did not complete cleanly');
    expect(versions(sim)).toMatchObject({ eastus: '1.0.0' });
  }, 120_000);

  it('without --rollback an abort only stops: nothing is redeployed', async () => {
    const puts = sim.requests.filter((r) => r.method === 'PUT').length;
    const run = await runCli(['abort', ...target, '--version', '2.0.0', '--stage', 'two', '--reason', 'hold', '--by', 'dana']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`recorded in ${journal}: abort of stage two by dana: hold`);
    expect(sim.requests.filter((r) => r.method === 'PUT').length).toBe(puts);
    expect(versions(sim)).toEqual({ eastus: '2.0.0', westus: '2.0.0', northeurope: '1.0.0' });
  });

  it('abort --rollback refuses while a deploy holds the journal, and names only what abort can do', async () => {
    const held = await JournalLease.acquire(journal, { run: 'deploy --spec rollout.yaml --version 2.0.0 --stage three' });
    try {
      const puts = sim.requests.filter((r) => r.method === 'PUT').length;
      const run = await runCli(['abort', ...target, '--version', '2.0.0', '--rollback', '--reason', 'bad build', '--by', 'dana']);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(`staged-rollout: another run holds the journal ${journal}: deploy --spec rollout.yaml --version 2.0.0 --stage three (pid ${process.pid}`);
      // abort has no --break-lease: the refusal must not send the user to a flag the command rejects.
      expect(run.stderr).toContain(`Wait for it to finish. If that run is gone (its machine died), delete ${journal}.lease.\n`);
      expect(sim.requests.filter((r) => r.method === 'PUT').length).toBe(puts);
    } finally {
      await held.release();
    }
  });
});
