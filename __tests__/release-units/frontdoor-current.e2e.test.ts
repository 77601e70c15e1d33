// What the Front Door traffic port reads back as the units' shares (src/azure/frontdoor-traffic.ts, current()), from
// the origins as Front Door holds them after a first release, then as a person might have changed them by hand: a
// disabled origin carries nothing whatever its weight, an origin keeps its port unless it is 443, all disabled is 0 %.
import { DeploymentsClient } from '@azure/arm-resourcesdeployments';
import { LocalEndpointCredential } from '../../src/azure/credentials.js';
import { FrontDoorTraffic } from '../../src/azure/frontdoor-traffic.js';
import { planRollout } from '../../src/plan/planner.js';
import { DEPLOYMENT_TAGS } from '../../src/plan/types.js';
import { loadSpec } from '../../src/spec/load.js';
import { repoRoot } from '../helpers/run-action.js';
import { SUB } from '../sim/helpers.js';
import { SPEC, UnitRehearsal } from './harness.js';

describe('Front Door traffic as read back', () => {
  let r: UnitRehearsal;
  let traffic: FrontDoorTraffic;
  const never = new AbortController().signal;
  beforeAll(async () => {
    r = await new UnitRehearsal().start();
    expect((await r.run('1.0.0')).result?.status).toBe('succeeded');
    const spec = loadSpec(SPEC, { mode: 'standard', version: '1.0.0', env: {}, repoRoot });
    traffic = new FrontDoorTraffic({ credential: new LocalEndpointCredential(), endpoint: r.sim.endpoint, clock: r.clock, spec, plan: planRollout(spec) });
  }, 60_000);
  afterAll(async () => {
    await r.stop();
  });
  const patch = (name: string, change: { weight?: number; enabledState?: 'Enabled' | 'Disabled'; httpsPort?: number }) => r.cdn().afdOrigins.beginUpdateAndWait('shop-global', 'shop-fd', 'units', name, change, { updateIntervalInMs: 10 });
  const shares = async () => (await traffic.current(never)).units.map((u) => ({ unit: u.unit, weight: u.weight, hosts: u.origins.map((o) => o.hostName) }));

  it('the first release put its traffic deployment in ARM under a name and a stage tag that both say which step', async () => {
    const traffic = [];
    for await (const d of new DeploymentsClient(new LocalEndpointCredential(), SUB, { endpoint: r.sim.endpoint }).deployments.listByResourceGroup('shop-global')) traffic.push(d);
    expect(traffic.map((d) => [d.name, d.tags?.[DEPLOYMENT_TAGS.stage]])).toEqual([['shop-frontdoor-eastus-1.0.0-live', 'traffic-live']]);
  });

  it('one unit on both origins: all of it', async () => {
    const [unit] = await shares();
    expect(unit).toMatchObject({ unit: 'v1-0-0', weight: 100 });
    expect(unit.hosts).toHaveLength(2);
    // The local endpoint's stamp apps listen on loopback ports: each origin keeps its port.
    expect(unit.hosts.every((h) => /^127\.0\.0\.1:\d+$/.test(h))).toBe(true);
  });

  it('an origin disabled by hand carries nothing, whatever weight it keeps; one on port 443 is its bare host name', async () => {
    await patch('v1-0-0-westeurope', { enabledState: 'Disabled', weight: 500, httpsPort: 443 });
    const [unit] = await shares();
    expect(unit.weight).toBe(100);
    const westeurope = (await traffic.current(never)).units[0].origins.find((o) => o.region === 'westeurope')!;
    expect(westeurope.hostName).toBe('127.0.0.1');
  });

  it('every origin disabled: 0 %, not a division by nothing', async () => {
    await patch('v1-0-0-eastus', { enabledState: 'Disabled' });
    expect((await shares()).map((u) => u.weight)).toEqual([0]);
  });
});
