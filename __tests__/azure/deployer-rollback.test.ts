// The deployer's restore of a stamp (src/azure/deployer.ts: rollback) with the real SDK against the local endpoint:
// the previous deployment's template and parameters under a fixed `-rb` name, and when a `-rb` record that already
// succeeded may stand for the restore (only when it is newer than the deployment it undoes).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { DeploymentsClient } from '@azure/arm-resourcesdeployments';
import { startArmSim, trustSimCa, type ArmSim } from '../../sim/index.js';
import { rehearse } from '../../src/commands/rehearse.js';
import { LocalEndpointCredential } from '../../src/azure/credentials.js';
import { ArmDeployer } from '../../src/azure/deployer.js';
import { MemoryJournal } from '../../src/engine/journal.js';
import { planRollout } from '../../src/plan/planner.js';
import { DEPLOYMENT_TAGS, type PlanStamp } from '../../src/plan/types.js';
import { loadSpec } from '../../src/spec/load.js';
import { VirtualClock } from '../../src/time/clock.js';

const REPO = '__tests__/fixtures/arm-faults';
const RB = 'faulty-app-eastus-1.0.0-rb';

let clock: VirtualClock;
let sim: ArmSim;
const lines: string[] = [];
beforeAll(async () => {
  clock = new VirtualClock(Date.UTC(2026, 0, 1)).start();
  sim = await startArmSim({ clock, throttleScale: Infinity, deploymentLatencyMs: 60_000 });
  trustSimCa(sim.ca);
});
afterAll(async () => {
  await sim.stop();
  clock.stop();
});
beforeEach(() => {
  lines.length = 0;
});

const rollOut = async (version: string): Promise<void> => {
  const { result } = await rehearse({ specFile: `${REPO}/rollout.yaml`, mode: 'standard', version, repoRoot: process.cwd(), env: {}, journal: new MemoryJournal(), reporter: { event: () => undefined }, sim: { sim, clock }, log: () => undefined });
  expect(result!.status).toBe('succeeded');
};
const at = (version: string): { stamp: PlanStamp; deployer: ArmDeployer } => {
  const spec = loadSpec('rollout.yaml', { mode: 'standard', version, env: {}, repoRoot: REPO });
  return { stamp: planRollout(spec).stages[0].stamps[0], deployer: new ArmDeployer({ credential: new LocalEndpointCredential(), endpoint: sim.endpoint, clock, spec, log: (l) => lines.push(l) }) };
};
const restorePuts = (): number[] => sim.requests.filter((r) => r.method === 'PUT' && r.path.endsWith(`/deployments/${RB}`)).map((r) => r.status);
const live = (): string[] => sim.apps().map((a) => `${a.region} ${a.version}`);
const never = (): AbortSignal => new AbortController().signal;

describe('restoring a stamp to its previous deployment', () => {
  it('redeploys the previous template and parameters as <previous>-rb, tagged with what it restores', async () => {
    await rollOut('1.0.0');
    await rollOut('2.0.0');
    sim.requests.length = 0;
    const { stamp, deployer } = at('2.0.0');
    const restored = await deployer.rollback(stamp, { deploymentName: 'faulty-app-eastus-1.0.0' }, never(), { 'rollout-run-id': 'run-7' });
    expect(restored.deploymentName).toBe(RB);
    expect(restorePuts()).toEqual([201]);
    expect(live()).toEqual(['eastus 1.0.0']);
    const record = await new DeploymentsClient(new LocalEndpointCredential(), stamp.subscription!, { endpoint: sim.endpoint }).deployments.get('faulty-eus', RB);
    expect(record.tags).toMatchObject({ 'rollout-restored-from': 'faulty-app-eastus-1.0.0', 'rollout-run-id': 'run-7', [DEPLOYMENT_TAGS.version]: '1.0.0', [DEPLOYMENT_TAGS.rolloutId]: 'faulty@1.0.0' });
    expect((record.properties?.parameters as Record<string, { value: unknown }>).image).toMatchObject({ value: 'faulty/web:1.0.0' });
  });

  it('restores again to the same previous deployment after a newer one: the older -rb record that succeeded does not count', async () => {
    await rollOut('3.0.0');
    expect(live()).toEqual(['eastus 3.0.0']);
    sim.requests.length = 0;
    const { stamp, deployer } = at('3.0.0');
    await deployer.rollback(stamp, { deploymentName: 'faulty-app-eastus-1.0.0' }, never());
    expect(restorePuts()).toEqual([200]);
    expect(live()).toEqual(['eastus 1.0.0']);
  });

  it('a restore asked again while its -rb is newer than the deployment it undoes is that restore, with no second PUT', async () => {
    sim.requests.length = 0;
    const { stamp, deployer } = at('3.0.0');
    const again = await deployer.rollback(stamp, { deploymentName: 'faulty-app-eastus-1.0.0' }, never());
    expect(again.deploymentName).toBe(RB);
    expect(restorePuts()).toEqual([]);
    expect(live()).toEqual(['eastus 1.0.0']);
  });
});
