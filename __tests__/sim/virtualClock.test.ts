import { VirtualClock } from '../../src/time/clock.js';
import { startArmSim, type ArmSim } from '../../sim/index.js';
import { clients, siteParams, siteTemplate } from './helpers.js';

let sim: ArmSim;
let clock: VirtualClock;
const THREE_DAYS = 3 * 86_400_000;

beforeAll(async () => {
  clock = new VirtualClock().start();
  sim = await startArmSim({ clock, deploymentLatencyMs: THREE_DAYS });
});
afterAll(async () => {
  await sim.stop();
  clock.stop();
});

test('a deployment that takes three days finishes in well under a second of real time', async () => {
  const { rm, dc } = clients(sim);
  await rm.resourceGroups.createOrUpdate('rg-long', { location: 'eastus' });
  const virtualStart = clock.now();
  const realStart = performance.now();
  const result = await dc.deployments.beginCreateOrUpdateAndWait(
    'rg-long',
    'three-days',
    { properties: { mode: 'Incremental', template: siteTemplate(), parameters: siteParams('slow', '1.0.0') } },
    { updateIntervalInMs: 10 },
  );
  const realMs = performance.now() - realStart;
  expect(result.properties?.provisioningState).toBe('Succeeded');
  expect(result.properties?.duration).toBe('P3DT0S');
  expect(clock.now() - virtualStart).toBeGreaterThanOrEqual(THREE_DAYS);
  expect(realMs).toBeLessThan(1000);
  // The SDK polled the status a handful of times, not once per virtual poll interval.
  expect(sim.requests.filter((r) => r.path.includes('/operationStatuses/')).length).toBeLessThan(50);
});
