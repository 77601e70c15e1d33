// The deployer's stack path on the real SDK against the local endpoint, on a virtual clock: ARM's error with its
// correlation id, a stack update that never ends, and adoption of our own update still in flight.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { startArmSim, type ArmSim, type FaultRule } from '../../sim/index.js';
import { rehearse } from '../../src/commands/rehearse.js';
import { MemoryJournal } from '../../src/engine/journal.js';
import { VirtualClock } from '../../src/time/clock.js';

const SPEC = '__tests__/fixtures/stacks-rollout/rollout-v1.yaml';

describe('the ARM deployer with stack: components', () => {
  let clock: VirtualClock;
  let sim: ArmSim;
  let lines: string[];
  beforeEach(async () => {
    clock = new VirtualClock(Date.UTC(2026, 0, 1)).start();
    sim = await startArmSim({ clock, deploymentLatencyMs: 60_000 });
    lines = [];
  });
  afterEach(async () => {
    await sim.stop();
    clock.stop();
  });
  const run = (faults: FaultRule[] = [], journal = new MemoryJournal()) =>
    rehearse({ specFile: SPEC, mode: 'standard', version: '1.0.0', repoRoot: process.cwd(), env: { OPS_PRINCIPAL: 'ops' }, journal, reporter: { event: () => undefined }, sim: { sim, clock }, faults, log: (l) => lines.push(l) });
  const stackPuts = (name: string) => sim.requests.filter((r) => r.method === 'PUT' && r.path.endsWith(`/deploymentStacks/${name}`));

  it('a failed stack fails the stamp with ARM\'s innermost code and message and the correlation id', async () => {
    const { result } = await run([{ kind: 'deploymentFails', resourceGroup: 'stacked-eus', code: 'SkuNotAvailable', message: 'The requested size is not available in location eastus.' }]);
    expect(result!.status).not.toBe('succeeded');
    const stamp = result!.stages[0].stamps.find((s) => s.id === 'cluster@eastus')!;
    expect(stamp.error).toMatchObject({ code: 'SkuNotAvailable', message: 'deployment stack stacked-web-cluster-eastus failed: The requested size is not available in location eastus.' });
    expect(stamp.error!.correlationId).toBe(stackPuts('stacked-web-cluster-eastus')[0].correlationId);
    expect(stamp.error!.correlationId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('an update that outlives deploymentTimeout fails the stamp and says stacks cannot be canceled; the next run follows it instead of a second PUT', async () => {
    const hang: FaultRule[] = [{ kind: 'deploymentHangs', resourceGroup: 'stacked-eus' }];
    // A re-run resumes from the same journal; a run with a journal of its own would meet another run's update (refused).
    const journal = new MemoryJournal();
    const first = await run(hang, journal);
    const stamp = first.result!.stages[0].stamps.find((s) => s.id === 'cluster@eastus')!;
    expect(stamp.error).toMatchObject({ code: 'DeploymentTimedOut' });
    expect(stamp.error!.message).toBe('deployment stack stacked-web-cluster-eastus did not finish within 120 min (deploymentTimeout); stacks cannot be canceled, so it may still be running');
    expect(stackPuts('stacked-web-cluster-eastus')).toHaveLength(1);
    const second = await run([], journal);
    expect(lines).toContain('stack stacked-web-cluster-eastus is already deploying with this content; following it instead of a new PUT');
    expect(stackPuts('stacked-web-cluster-eastus')).toHaveLength(1);
    expect(second.result!.stages[0].stamps.find((s) => s.id === 'cluster@eastus')!.error).toMatchObject({ code: 'DeploymentTimedOut' });
  });
});
