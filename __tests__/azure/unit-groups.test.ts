// A release unit's resource groups on ARM (src/azure/unit-groups.ts), with the real SDK against the local endpoint on
// a virtual clock: each group once (whatever its case), deleted and then checked every 5 s until it is gone; a group
// that is not there is counted as removed without a delete.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { ResourceManagementClient } from '@azure/arm-resources';
import { startArmSim, trustSimCa, type ArmSim } from '../../sim/index.js';
import { ArmUnitResources } from '../../src/azure/unit-groups.js';
import { DeploymentFailure } from '../../src/engine/errors.js';
import { VirtualClock } from '../../src/time/clock.js';

const SUB = '00000000-0000-0000-0000-0000000000b9';
const credential = { getToken: async () => ({ token: 't', expiresOnTimestamp: Date.now() + 3_600_000 }) };

let clock: VirtualClock;
let sim: ArmSim;
let rm: ResourceManagementClient;
beforeAll(async () => {
  clock = new VirtualClock(Date.UTC(2026, 0, 1)).start();
  sim = await startArmSim({ clock, throttleScale: Infinity, resourceGroupDeleteLatencyMs: 12_000 });
  trustSimCa(sim.ca);
  rm = new ResourceManagementClient(credential, SUB, { endpoint: sim.endpoint });
});
afterAll(async () => {
  await sim.stop();
  clock.stop();
});
beforeEach(() => {
  sim.requests.length = 0;
  sim.faults.clear();
});

const units = (groups: Record<string, Array<{ subscription: string; resourceGroup: string }>>): ArmUnitResources =>
  new ArmUnitResources({ credential, endpoint: sim.endpoint, clock, groupsOf: (unit) => groups[unit] ?? [] });

describe('ArmUnitResources', () => {
  it('names each of a unit\'s groups once', () => {
    const u = units({ u1: [{ subscription: SUB, resourceGroup: 'rg-a' }, { subscription: 'other', resourceGroup: 'rg-a' }, { subscription: SUB, resourceGroup: 'rg-b' }] });
    expect(u.groups('u1')).toEqual(['rg-a', 'rg-b']);
    expect(u.groups('none')).toEqual([]);
  });

  it('deletes each group once and checks every 5 s until it is gone; a missing one is removed without a delete', async () => {
    await rm.resourceGroups.createOrUpdate('rg-u1', { location: 'eastus' });
    sim.requests.length = 0;
    const started = clock.now();
    const removed = await units({ u1: [{ subscription: SUB, resourceGroup: 'rg-u1' }, { subscription: SUB, resourceGroup: 'RG-U1' }, { subscription: SUB, resourceGroup: 'rg-never' }] }).remove('u1', new AbortController().signal);
    expect(removed).toEqual(['rg-u1', 'rg-never']);
    // HEAD, DELETE, then HEADs at 0, 5, 10 s (still there) and 15 s (gone, 12 s after the delete); rg-never: one HEAD.
    expect(sim.requests.map((r) => `${r.method} ${r.path.split('/').at(-1)} ${r.time - started}`)).toEqual([
      'HEAD rg-u1 0',
      'DELETE rg-u1 0',
      'HEAD rg-u1 0',
      'HEAD rg-u1 5000',
      'HEAD rg-u1 10000',
      'HEAD rg-u1 15000',
      'HEAD rg-never 15000',
    ]);
  });

  it('a delete ARM keeps failing is tried 6 times, then fails with ARM\'s code and the group', async () => {
    await rm.resourceGroups.createOrUpdate('rg-locked', { location: 'eastus' });
    sim.faults.add({ kind: 'serverError', method: 'DELETE', path: '/resourcegroups/rg-locked', status: 503, code: 'ServiceUnavailable', message: 'Try later.' });
    sim.requests.length = 0;
    const failure = await units({ u: [{ subscription: SUB, resourceGroup: 'rg-locked' }] }).remove('u', new AbortController().signal).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(DeploymentFailure);
    expect([(failure as DeploymentFailure).code, (failure as DeploymentFailure).message]).toEqual(['ServiceUnavailable', 'deleting resource group rg-locked: Try later.']);
    expect(sim.requests.filter((r) => r.method === 'DELETE').map((r) => r.status)).toEqual([503, 503, 503, 503, 503, 503]);
  });
});
