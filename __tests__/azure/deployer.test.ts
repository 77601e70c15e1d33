// The ARM adapter against the local endpoint in this process, on a virtual clock: what ARM asks (Retry-After) and what
// ARM does (throttle storms, hung deployments, preflight refusals) against what the deployer does about it.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { startArmSim, type ArmSim, type RequestLogEntry } from '../../sim/index.js';
import { rehearse } from '../../src/commands/rehearse.js';
import { MemoryJournal } from '../../src/engine/journal.js';
import { VirtualClock } from '../../src/time/clock.js';

const SPEC = '__tests__/fixtures/arm-faults/rollout.yaml';
const statusPolls = (log: RequestLogEntry[], name: string): RequestLogEntry[] => log.filter((r) => r.method === 'GET' && r.path.includes(`/deployments/${name}/operationStatuses/`));

describe('the ARM deployer on a virtual clock', () => {
  let clock: VirtualClock;
  let sim: ArmSim;
  let lines: string[];
  beforeEach(async () => {
    clock = new VirtualClock(Date.UTC(2026, 0, 1)).start();
    sim = await startArmSim({ clock, deploymentLatencyMs: 60_000, deploymentRetryAfterSeconds: 7 });
    lines = [];
  });
  afterEach(async () => {
    await sim.stop();
    clock.stop();
  });
  const run = (version: string, faults: Parameters<typeof rehearse>[0]['faults'] = [], journal = new MemoryJournal()) =>
    rehearse({ specFile: SPEC, mode: 'standard', version, repoRoot: process.cwd(), env: {}, journal, reporter: { event: () => undefined }, sim: { sim, clock }, faults, log: (l) => lines.push(l) });

  it('polls the operation status resource at the Retry-After it answers, and reads the deployment once at the end', async () => {
    const { result } = await run('1.0.0');
    expect(result!.status).toBe('succeeded');
    const polls = statusPolls(sim.requests, 'faulty-app-eastus-1.0.0');
    expect(polls.length).toBeGreaterThanOrEqual(8);
    const gaps = polls.slice(1).map((p, i) => p.time - polls[i].time);
    expect(new Set(gaps)).toEqual(new Set([7_000]));
    const gets = sim.requests.filter((r) => r.method === 'GET' && r.path.endsWith('/deployments/faulty-app-eastus-1.0.0'));
    expect(gets).toHaveLength(1);
    // No HEAD of the resource group: the deployment list already said it does not exist.
    expect(sim.requests.filter((r) => r.method === 'HEAD')).toHaveLength(0);
  });

  it('places the first poll just after the previous deployment took, so a re-deploy costs five requests', async () => {
    await run('1.0.0');
    sim.requests.length = 0;
    const { result } = await run('1.1.0');
    expect(result!.status).toBe('succeeded');
    const put = sim.requests.find((r) => r.method === 'PUT')!;
    const polls = statusPolls(sim.requests, 'faulty-app-eastus-1.1.0');
    expect(polls).toHaveLength(1);
    expect(polls[0].time - put.time).toBeGreaterThanOrEqual(60_000);
    expect(polls[0].time - put.time).toBeLessThan(62_000);
    // list, validate, PUT, one status poll, one final GET.
    expect(sim.requests.map((r) => `${r.method} ${r.path.split('/').slice(-1)[0].replace(/^[0-9A-F]{32}$/, 'status')}`)).toEqual([
      'GET deployments',
      'POST validate',
      'PUT faulty-app-eastus-1.1.0',
      'GET status',
      'GET faulty-app-eastus-1.1.0',
    ]);
  });

  it('rides out a 60 s 429 storm, honouring Retry-After on reads, validate and the PUT, with a line per retry', async () => {
    const started = clock.now();
    const { result } = await run('1.0.0', [{ kind: 'throttle', resourceGroup: 'faulty-eus', retryAfterSeconds: 15, times: 5 }]);
    if (result!.status !== 'succeeded') throw new Error(JSON.stringify({ message: result!.message, lines, stamps: result!.stages[0].stamps }));
    expect(sim.requests.filter((r) => r.status === 429)).toHaveLength(5);
    const retries = lines.filter((l) => l.startsWith('retrying'));
    expect(retries).toHaveLength(5);
    expect(retries[0]).toMatch(/^retrying listing deployments of app@eastus in 15\.0 s \(attempt 2\): SubscriptionRequestsThrottled/);
    expect(clock.now() - started).toBeGreaterThanOrEqual(75_000 + 60_000);
  });

  it('cancels a deployment that outlives the component deploymentTimeout and fails the stamp with that reason', async () => {
    const { result } = await run('1.0.0', [{ kind: 'deploymentHangs', deploymentName: 'faulty-app-eastus-1.0.0' }]);
    expect(result!.status).toBe('failed');
    const stamp = result!.stages[0].stamps[0];
    expect(stamp.error).toMatchObject({ code: 'DeploymentTimedOut' });
    expect(stamp.error!.message).toBe('deployment faulty-app-eastus-1.0.0 did not finish within 30 min (deploymentTimeout); it was canceled');
    expect(sim.requests.filter((r) => r.path.endsWith('/cancel')).map((r) => r.status)).toEqual([204]);
  });

  it('a stamp refused by preflight shows the innermost cause and is not rolled back: nothing was deployed', async () => {
    // A first rollout makes the resource group, so the preflight before the first write can validate the stamp.
    expect((await run('0.9.0')).result!.status).toBe('succeeded');
    const putsBefore = sim.requests.filter((r) => r.method === 'PUT' && r.path.includes('/deployments/')).length;
    const { result } = await run('1.0.0', [{ kind: 'validationFails', code: 'SkuNotAvailable', message: 'The requested size for resource plan is currently not available in location eastus.' }]);
    expect(result!.status).toBe('failed');
    expect(result!.message).toMatch(/^ARM refused app@eastus \(stage only\) in its preflight, before anything was written: SkuNotAvailable: validation of faulty-app-eastus-1\.0\.0 failed: The requested size/);
    const stamp = result!.stages[0].stamps[0];
    expect(stamp.rollback).toBeUndefined();
    expect(result!.rollback?.stamps ?? []).toEqual([]);
    expect(sim.requests.filter((r) => r.method === 'PUT' && r.path.includes('/deployments/'))).toHaveLength(putsBefore);
  });

  it('a status poll that ARM answers with a 500 is read again, and the deployment followed to its end', async () => {
    const { result } = await run('1.0.0', [{ kind: 'serverError', path: '/operationStatuses/', method: 'GET', times: 1 }]);
    expect(result!.status).toBe('succeeded');
    const polls = statusPolls(sim.requests, 'faulty-app-eastus-1.0.0');
    expect(polls[0].status).toBe(500);
    expect(polls.slice(1).every((p) => p.status === 200)).toBe(true);
    expect(lines.filter((l) => l.startsWith('retrying reading the status of deployment faulty-app-eastus-1.0.0'))).toEqual([
      expect.stringMatching(/^retrying reading the status of deployment faulty-app-eastus-1\.0\.0 in \d+\.\d s \(attempt 2\): InternalServerError/),
    ]);
  });

  it('never adopts a Succeeded deployment of the same name that is older than the stamp\'s latest: after a lost PUT it PUTs again', async () => {
    expect((await run('1.0.0')).result!.status).toBe('succeeded');
    expect((await run('2.0.0')).result!.status).toBe('succeeded');
    sim.requests.length = 0;
    // 1.0.0 again (a fresh journal): its PUT answers 500 without acting; the read that settles it finds the old
    // faulty-app-eastus-1.0.0 Succeeded, with our tags and this very content, but older than 2.0.0's deployment.
    const { result } = await run('1.0.0', [{ kind: 'serverError', path: '/deployments/faulty-app-eastus-1.0.0', method: 'PUT', times: 1 }]);
    expect(result!.status).toBe('succeeded');
    const puts = sim.requests.filter((r) => r.method === 'PUT' && r.path.endsWith('/deployments/faulty-app-eastus-1.0.0'));
    expect(puts.map((r) => r.status)).toEqual([500, 200]);
    expect(lines.filter((l) => /following it instead of a second PUT|accepting it without a new PUT/.test(l))).toEqual([]);
    expect(sim.apps().map((a) => `${a.region} ${a.version}`)).toEqual(['eastus 1.0.0']);
  });
});
