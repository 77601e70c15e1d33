// The bundled CLI against the local ARM endpoint in another process, with faults injected at chosen moments and the
// CLI killed or stopped there. What counts is what the endpoint saw: exactly one accepted PUT per deployment name and
// content, every deployment canceled when the run is stopped, one correlation id on every request of the rollout.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { RequestLogEntry } from '../../sim/index.js';
import { rolloutCorrelationId } from '../../src/azure/pipeline.js';
import { spawnCli, startStandaloneSim, waitFor, type StandaloneSim } from '../helpers/standalone-sim.js';

const SPEC = '__tests__/fixtures/arm-faults/rollout.yaml';
const NAME = 'faulty-app-eastus-1.0.0';
const RG_PATH = '/subscriptions/00000000-0000-0000-0000-0000000000f1/resourceGroups/faulty-eus/providers/Microsoft.Resources/deployments';

const isDeploymentPut = (r: RequestLogEntry, version = '1.0.0'): boolean => r.method === 'PUT' && r.path.endsWith(`/deployments/faulty-app-eastus-${version}`);
const accepted = (log: RequestLogEntry[], version?: string): RequestLogEntry[] => log.filter((r) => isDeploymentPut(r, version) && (r.status === 200 || r.status === 201));

describe('the CLI under ARM faults, killed and stopped mid-deployment (real processes)', () => {
  let sim: StandaloneSim;
  let journalDir: string;
  beforeAll(async () => {
    sim = await startStandaloneSim(['--deployment-latency', '1500']);
  });
  afterAll(async () => {
    await sim?.stop();
  });
  beforeEach(async () => {
    await sim.clearFaults();
    await sim.clearRequests();
    journalDir = mkdtempSync(path.join(tmpdir(), 'staged-rollout-faults-'));
  });

  const deploy = (version: string, extra: string[] = []) =>
    spawnCli(['deploy', '--spec', SPEC, '--version', version, '--arm-endpoint', sim.endpoint, '--arm-ca', sim.caFile, '--journal', path.join(journalDir, 'journal.jsonl'), '--request-timeout', '3s', ...extra]);
  const state = async (version: string): Promise<string | undefined> => {
    const got = await sim.get(`${RG_PATH}/faulty-app-eastus-${version}?api-version=2025-04-01`);
    return (got.body as { properties?: { provisioningState?: string } } | undefined)?.properties?.provisioningState;
  };

  it('a PUT whose answer is lost after ARM accepted it is followed, not PUT again; every request carries the rollout id', async () => {
    await sim.faults([{ kind: 'answerLost', method: 'PUT', path: `/deployments/${NAME}`, times: 1 }]);
    const run = await deploy('1.0.0').done;
    expect(run.stdout).toContain('Rollout faulty@1.0.0 (standard): SUCCEEDED');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/answer to PUT faulty-app-eastus-1\.0\.0 was lost .*following it instead of a second PUT/);
    const log = await sim.requests();
    expect(log.filter((r) => isDeploymentPut(r))).toHaveLength(1);
    expect(accepted(log)[0].lost).toBe(true);
    // One id for the whole rollout, on every ARM request, and shown on success.
    const id = rolloutCorrelationId('faulty@1.0.0');
    expect(new Set(log.map((r) => r.correlationId))).toEqual(new Set([id]));
    expect(log.length).toBeGreaterThan(3);
    expect(run.stdout).toContain(`ARM correlation id of every deployment: ${id}`);
    expect(run.stdout).toContain(`app@eastus: deployed in`);
  });

  it('SIGKILL right after an accepted PUT: the re-run adopts the running deployment instead of meeting DeploymentActive', async () => {
    await sim.faults([{ kind: 'deploymentTakes', deploymentName: 'faulty-app-eastus-1.1.0', durationMs: 20_000 }]);
    const first = deploy('1.1.0');
    await waitFor('an accepted PUT', async () => accepted(await sim.requests(), '1.1.0').length === 1 || undefined);
    first.child.kill('SIGKILL');
    expect((await first.done).signal).toBe('SIGKILL');
    expect(await state('1.1.0')).toBe('Running');
    const again = await deploy('1.1.0').done;
    expect(again.stdout).toContain('SUCCEEDED');
    expect(again.stdout).not.toMatch(/FAILED.*DeploymentActive/);
    // The plan's listing showed it running, so the re-run reads it before any PUT: not even a refused second PUT.
    expect(again.stdout).toContain('faulty-app-eastus-1.1.0 is already Running with this content (faulty@1.1.0); following it instead of a new PUT');
    expect(accepted(await sim.requests(), '1.1.0')).toHaveLength(1);
    expect((await sim.requests()).filter((r) => isDeploymentPut(r, '1.1.0'))).toHaveLength(1);
  });

  it('SIGKILL mid-PUT (ARM never answered, never acted): the re-run deploys once', async () => {
    await sim.faults([{ kind: 'requestHangs', method: 'PUT', path: '/deployments/faulty-app-eastus-1.2.0', times: 1 }]);
    const first = deploy('1.2.0', ['--request-timeout', '60s']);
    await waitFor('the PUT in flight', async () => (await sim.requests()).some((r) => isDeploymentPut(r, '1.2.0') && r.status === -1) || undefined);
    first.child.kill('SIGKILL');
    await first.done;
    const again = await deploy('1.2.0').done;
    expect(again.stdout).toContain('SUCCEEDED');
    expect(accepted(await sim.requests(), '1.2.0')).toHaveLength(1);
  });

  it('a request that never answers is cut by the request timeout and retried, with a line saying so', async () => {
    await sim.faults([{ kind: 'requestHangs', method: 'GET', path: '/operationStatuses/', times: 1 }]);
    const run = await deploy('1.3.0').done;
    expect(run.stdout).toContain('SUCCEEDED');
    expect(run.stdout).toMatch(/retrying reading the status of deployment faulty-app-eastus-1\.3\.0 in .*ETIMEDOUT: .*got no answer within 3000 ms/);
  });

  it('a 401 ExpiredAuthenticationToken on a poll refreshes the token and retries once', async () => {
    await sim.faults([{ kind: 'authExpired', method: 'GET', path: '/operationStatuses/', times: 1 }]);
    const run = await deploy('1.4.0').done;
    expect(run.stdout).toContain('SUCCEEDED');
    expect(run.stdout).toMatch(/401 ExpiredAuthenticationToken on GET .*refreshing the token and retrying once/);
    expect((await sim.requests()).filter((r) => r.status === 401)).toHaveLength(1);
  });

  it('SIGTERM while the PUT is in flight (ARM acted, no answer yet) cancels the deployment', async () => {
    await sim.faults([
      { kind: 'requestHangs', afterAct: true, method: 'PUT', path: '/deployments/faulty-app-eastus-1.5.0', times: 1 },
      { kind: 'deploymentTakes', deploymentName: 'faulty-app-eastus-1.5.0', durationMs: 60_000 },
    ]);
    const run = deploy('1.5.0', ['--request-timeout', '60s']);
    await waitFor('the PUT in flight', async () => (await sim.requests()).some((r) => isDeploymentPut(r, '1.5.0') && r.lost) || undefined);
    run.child.kill('SIGTERM');
    const done = await run.done;
    expect(done.stdout).toContain('CANCELED');
    expect(done.code).toBe(1);
    expect((await sim.requests()).filter((r) => r.method === 'POST' && r.path.endsWith('faulty-app-eastus-1.5.0/cancel')).map((r) => r.status)).toEqual([204]);
    expect(await state('1.5.0')).toBe('Canceled');
  });

  it('SIGTERM during a poll cancels the deployment', async () => {
    await sim.faults([{ kind: 'deploymentTakes', deploymentName: 'faulty-app-eastus-1.6.0', durationMs: 60_000 }]);
    const run = deploy('1.6.0');
    await waitFor('a poll', async () => (await sim.requests()).some((r) => r.path.includes('faulty-app-eastus-1.6.0/operationStatuses/')) || undefined);
    run.child.kill('SIGTERM');
    const done = await run.done;
    expect(done.stdout).toContain('CANCELED');
    expect(done.stdout).toContain('canceled deployment faulty-app-eastus-1.6.0: the run was stopped');
    expect(await state('1.6.0')).toBe('Canceled');
  });

  it('two runs on two journals: the second refuses naming the first from what ARM shows; --break-lease takes over without a second PUT', async () => {
    await sim.faults([{ kind: 'deploymentTakes', deploymentName: 'faulty-app-eastus-2.0.0', durationMs: 40_000 }]);
    const journalOf = (n: string): string => path.join(journalDir, `${n}.jsonl`);
    const run = (version: string, journal: string, extra: string[] = []) =>
      spawnCli(['deploy', '--spec', SPEC, '--version', version, '--arm-endpoint', sim.endpoint, '--arm-ca', sim.caFile, '--journal', journal, '--request-timeout', '3s', ...extra], { GITHUB_ACTOR: 'ops-tester' });
    const first = run('2.0.0', journalOf('a'));
    try {
      await twoRuns(first);
    } finally {
      // A failed expectation must not leave the first run deploying into the next test.
      if (first.child.exitCode === null && first.child.signalCode === null) first.child.kill('SIGTERM');
      await first.done;
    }
  }, 180_000);

  async function twoRuns(first: ReturnType<typeof spawnCli>): Promise<void> {
    const journalOf = (n: string): string => path.join(journalDir, `${n}.jsonl`);
    const run = (version: string, journal: string, extra: string[] = []) =>
      spawnCli(['deploy', '--spec', SPEC, '--version', version, '--arm-endpoint', sim.endpoint, '--arm-ca', sim.caFile, '--journal', journal, '--request-timeout', '3s', ...extra], { GITHUB_ACTOR: 'ops-tester' });
    await waitFor('the first run\'s accepted PUT', async () => accepted(await sim.requests(), '2.0.0').length === 1 || undefined);
    const shown = (await sim.get(`${RG_PATH}/faulty-app-eastus-2.0.0?api-version=2025-04-01`)).body as { tags: Record<string, string>; properties: { provisioningState: string; timestamp: string } };
    expect(shown.properties.provisioningState).toBe('Running');
    const firstRun = shown.tags['rollout-run'];
    expect(firstRun).toMatch(/^[0-9a-f-]{13}$/);

    // The same version and another version, each on a journal of its own: the lease cannot see them, ARM can.
    for (const version of ['2.0.0', '2.1.0']) {
      const second = await run(version, journalOf(`b-${version}`)).done;
      expect(second.code).toBe(1);
      expect(second.stderr).toBe(
        `staged-rollout: another run of faulty is in flight: deployment faulty-app-eastus-2.0.0 in resource group faulty-eus is Running for run ${firstRun} of faulty@2.0.0, running since ${new Date(shown.properties.timestamp).toISOString()}. ` +
          'Nothing was deployed. Wait for that run to finish and re-run. If that run is gone (its machine or job died), re-run with --break-lease: this run then takes over its deployments, and the journal records it.\n',
      );
    }
    const afterRefusals = await sim.requests();
    expect(afterRefusals.filter((r) => r.method === 'PUT' && r.path.includes('/deployments/')).map((r) => r.path.split('/').slice(-1)[0])).toEqual(['faulty-app-eastus-2.0.0']);

    // The documented way past a run that is gone: --break-lease follows its deployment (no second PUT), recorded.
    const taker = await run('2.0.0', journalOf('c'), ['--break-lease']).done;
    expect(taker.stdout).toContain(`taking over faulty-app-eastus-2.0.0 (Running for run ${firstRun} of faulty@2.0.0): --break-lease by ops-tester`);
    expect(taker.stdout).toMatch(/faulty-app-eastus-2\.0\.0 is already Running with this content \(faulty@2\.0\.0\); following it instead of a new PUT/);
    expect(taker.stdout).toContain('Rollout faulty@2.0.0 (standard): SUCCEEDED');
    const record = readFileSync(journalOf('c'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>).find((e) => e.type === 'run-taken-over');
    expect(record).toMatchObject({ from: [firstRun], deployments: ['faulty-app-eastus-2.0.0'], by: 'ops-tester' });

    const done = await first.done;
    expect(done.stdout).toContain('Rollout faulty@2.0.0 (standard): SUCCEEDED');
    expect(done.code).toBe(0);
    const log = await sim.requests();
    expect(log.filter((r) => isDeploymentPut(r, '2.0.0'))).toHaveLength(1);
    expect(log.filter((r) => isDeploymentPut(r, '2.1.0'))).toHaveLength(0);
    expect(await state('2.0.0')).toBe('Succeeded');
  }

  it('a cancel answered 500 is reported as "may still be running", never as canceled in ARM', async () => {
    await sim.faults([
      { kind: 'deploymentTakes', deploymentName: 'faulty-app-eastus-1.7.0', durationMs: 120_000 },
      { kind: 'serverError', method: 'POST', path: '/cancel' },
    ]);
    const run = deploy('1.7.0');
    // Stopped once ARM has the deployment. Not at its first poll: that is placed near the stamp's previous duration,
    // which the earlier tests of this file made 40 s. A run that ended before ARM accepted the PUT says why.
    await waitFor('the accepted PUT', async () => {
      if (run.child.exitCode !== null) throw new Error(`the run ended before its PUT was accepted: ${run.stdout()}`);
      return accepted(await sim.requests(), '1.7.0').length === 1 || undefined;
    }, 60_000);
    run.child.kill('SIGTERM');
    const done = await run.done;
    expect(done.code).toBe(1);
    expect(done.stdout).toMatch(/CANCELED[\s\S]*may still be running: faulty-app-eastus-1\.7\.0/);
    expect(done.stdout).toMatch(/FAILED app@eastus: CancelFailed: may still be running: faulty-app-eastus-1\.7\.0 .*InternalServerError/);
    expect(await state('1.7.0')).toBe('Running');
    await sim.clearFaults();
  }, 120_000);
});
