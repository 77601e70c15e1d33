// ARM what-if for one stamp (src/azure/what-if.ts) where it is not a plain prediction: a stack stamp (its note says
// what a what-if of a stack leaves out), a what-if ARM fails (ARM's code, the message and the correlation id, no
// changes), and a stamp the spec does not have.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ResourceManagementClient } from '@azure/arm-resources';
import { startArmSim, trustSimCa, type ArmSim } from '../../sim/index.js';
import { LocalEndpointCredential } from '../../src/azure/credentials.js';
import { ArmWhatIf } from '../../src/azure/what-if.js';
import { planRollout } from '../../src/plan/planner.js';
import type { PlanStamp } from '../../src/plan/types.js';
import { loadSpec } from '../../src/spec/load.js';
import { VirtualClock } from '../../src/time/clock.js';

const SUB = '00000000-0000-0000-0000-000000000001';
let sim: ArmSim;
let clock: VirtualClock;
beforeAll(async () => {
  clock = new VirtualClock(Date.UTC(2026, 0, 1)).start();
  sim = await startArmSim({ clock, throttleScale: Infinity });
  trustSimCa(sim.ca);
  await new ResourceManagementClient(new LocalEndpointCredential(), SUB, { endpoint: sim.endpoint }).resourceGroups.createOrUpdate('stacked-eus', { location: 'eastus' });
});
afterAll(async () => {
  await sim.stop();
  clock.stop();
});

const spec = loadSpec('__tests__/fixtures/stacks-rollout/rollout-v1.yaml', { mode: 'standard', version: '1.0.0', env: { OPS_PRINCIPAL: 'ops' }, repoRoot: process.cwd() });
const plan = planRollout(spec);
const cluster = plan.stages[0].stamps.find((s) => s.id === 'cluster@eastus') as PlanStamp;
const whatIf = (): ArmWhatIf => new ArmWhatIf({ credential: new LocalEndpointCredential(), endpoint: sim.endpoint, clock, spec, stamps: new Map(), outputsOf: async () => undefined });
const signal = new AbortController().signal;

describe('ArmWhatIf beyond a plain prediction', () => {
  it('a stack stamp: the what-if of its template, with a note on what it cannot show', async () => {
    const result = await whatIf().whatIf(cluster, 'one', signal);
    expect(result.error).toBeUndefined();
    expect(result.stamp).toBe('cluster@eastus');
    expect(result.stage).toBe('one');
    expect(result.deploymentName).toBe(cluster.deploymentName);
    expect(result.changes.map((c) => c.changeType)).toEqual(['Create']);
    expect(result.note).toBe(
      'deploys as deployment stack stacked-web-cluster-eastus (actionOnUnmanage: delete, denySettings: denyDelete); ARM has no what-if for stacks (api-version 2024-03-01), so this is the what-if of its template as a deployment: resources the stack would delete because the template dropped them are not shown',
    );
  });

  it('a what-if ARM keeps failing: ARM\'s code and message and the correlation id, no changes', async () => {
    sim.faults.add({ kind: 'serverError', path: '/whatIf', times: 3 });
    const result = await whatIf().whatIf(cluster, 'one', signal);
    sim.faults.clear();
    expect(result.changes).toEqual([]);
    expect(result.note).toBeUndefined();
    expect(result.error?.code).toBe('InternalServerError');
    expect(result.error?.message).toBe(`what-if of ${cluster.deploymentName}: Encountered internal server error. Diagnostic information: injected by the local ARM simulator.`);
    expect(result.error?.correlationId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(sim.requests.filter((r) => r.path.endsWith('/whatIf') && r.status === 500)).toHaveLength(3);
  });

  it('a stamp the spec does not have is refused with a sentence', async () => {
    await expect(whatIf().whatIf({ ...cluster, id: 'ghost@eastus' }, 'one', signal)).rejects.toThrow('stamp ghost@eastus is not in the loaded spec');
  });
});
