import { MonitorClient } from '@azure/arm-monitor';
import { startArmSim, type ArmSim } from '../../sim/index.js';
import { planTemplate } from '../../sim/template/plan.js';
import { VirtualClock } from '../../src/time/clock.js';
import { call, credential, SUB } from '../sim/helpers.js';
import { WeightedPicker } from '../../sim/frontdoor/routing.js';
import { userErrorStatus } from '../../sim/frontdoor/user-errors.js';

describe('the local Front Door pieces', () => {
  it('copy loops expand with copyIndex() and copyIndex(offset)', () => {
    const template = {
      parameters: { names: { type: 'array', defaultValue: ['a', 'b', 'c'] } },
      resources: [{ type: 'Microsoft.Web/sites', apiVersion: '1', name: "[concat(parameters('names')[copyIndex()], '-', copyIndex(1))]", copy: { name: 'sites', count: "[length(parameters('names'))]" }, properties: { n: '[copyIndex()]' } }],
    };
    const plan = planTemplate(template, {}, { scope: { kind: 'resourceGroup', subscription: SUB, resourceGroup: 'rg' }, deploymentName: 'd', resourceGroup: { name: 'rg', location: 'eastus' }, tenantId: 't', mode: 'Incremental' });
    expect(plan.resources.map((r) => [r.name, r.properties.n])).toEqual([['a-1', 0], ['b-2', 1], ['c-3', 2]]);
  });

  it('shares requests by weight among the enabled origins of the lowest priority only', () => {
    const picker = new WeightedPicker();
    const origins = [
      { id: 'a', hostName: 'a', httpsPort: 1, priority: 1, weight: 900, enabled: true },
      { id: 'b', hostName: 'b', httpsPort: 1, priority: 1, weight: 100, enabled: true },
      { id: 'c', hostName: 'c', httpsPort: 1, priority: 2, weight: 1000, enabled: true },
      { id: 'd', hostName: 'd', httpsPort: 1, priority: 1, weight: 1000, enabled: false },
    ];
    const counts: Record<string, number> = {};
    for (let i = 0; i < 1000; i++) {
      const id = picker.pick(origins)!.id;
      counts[id] = (counts[id] ?? 0) + 1;
    }
    expect(counts).toEqual({ a: 900, b: 100 });
    expect(picker.pick(origins.map((o) => ({ ...o, enabled: o.id === 'c' })))!.id).toBe('c');
    expect(picker.pick([])).toBeUndefined();
  });

  it('injects user errors at exactly the ratio asked, for the version asked', () => {
    const rules = [{ version: '2.0.0', ratio: 0.25, afterMs: 1000 }];
    const failed = Array.from({ length: 100 }, (_, i) => userErrorStatus(rules, { version: '2.0.0' }, 5000, i + 1)).filter((s) => s === 500);
    expect(failed).toHaveLength(25);
    expect(userErrorStatus(rules, { version: '1.0.0' }, 5000, 4)).toBeUndefined();
    expect(userErrorStatus(rules, { version: '2.0.0' }, 500, 4)).toBeUndefined();
  });

  describe('the metrics API', () => {
    let sim: ArmSim;
    let clock: VirtualClock;
    const site = `/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.Web/sites/s1`;
    beforeAll(async () => {
      clock = new VirtualClock(Date.UTC(2026, 0, 1)).start();
      sim = await startArmSim({ clock, deploymentLatencyMs: 1000 });
      await call(sim, 'PUT', `/subscriptions/${SUB}/resourcegroups/rg?api-version=2021-04-01`, { location: 'eastus' });
      const template = { resources: [{ type: 'Microsoft.Web/sites', apiVersion: '2023-12-01', name: 's1', location: 'eastus', properties: { siteConfig: { appSettings: [{ name: 'APP_VERSION', value: '1.0.0' }] } } }] };
      await call(sim, 'PUT', `/subscriptions/${SUB}/resourcegroups/rg/providers/Microsoft.Resources/deployments/d?api-version=2024-03-01`, { properties: { mode: 'Incremental', template } });
      await clock.sleep(5000);
    });
    afterAll(async () => {
      await sim.stop();
      clock.stop();
    });

    it('counts a site\'s requests and 5xx per minute, read through @azure/arm-monitor', async () => {
      const app = sim.apps()[0];
      sim.setUserErrors([{ version: '1.0.0', ratio: 0.5 }]);
      for (let i = 0; i < 4; i++) await clock.track(fetch(`${app.url}/`));
      await clock.sleep(60_000);
      const monitor = new MonitorClient(credential, SUB, { endpoint: sim.endpoint });
      const from = new Date(clock.now() - 120_000).toISOString();
      const to = new Date(clock.now()).toISOString();
      const answer = await clock.track(monitor.metrics.list(site.slice(1), { timespan: `${from}/${to}`, interval: 'PT1M', metricnames: 'Requests,Http5xx', aggregation: 'Total' }));
      const totals = Object.fromEntries(answer.value.map((m) => [m.name.value, m.timeseries![0].data!.reduce((n, d) => n + (d.total ?? 0), 0)]));
      expect(totals).toEqual({ Requests: 4, Http5xx: 2 });
      expect(answer.value[0].timeseries![0].data).toHaveLength(2);
    });

    it('answers ARM errors for an unknown metric, filter or interval', async () => {
      const bad = await call(sim, 'GET', `${site}/providers/Microsoft.Insights/metrics?api-version=2023-10-01&metricnames=CpuTime`);
      expect(bad.status).toBe(400);
      expect(bad.json.error.message).toContain('Valid metrics: Requests,Http5xx');
      const filter = await call(sim, 'GET', `${site}/providers/Microsoft.Insights/metrics?api-version=2023-10-01&$filter=${encodeURIComponent("Instance ne 'x'")}`);
      expect(filter.status).toBe(400);
      const interval = await call(sim, 'GET', `${site}/providers/Microsoft.Insights/metrics?api-version=2023-10-01&interval=PT30S`);
      expect(interval.status).toBe(400);
      const missing = await call(sim, 'GET', `/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.Web/sites/none/providers/Microsoft.Insights/metrics?api-version=2023-10-01`);
      expect(missing.status).toBe(404);
    });
  });
});
