// Azure Monitor behind the metrics ports (src/azure/metrics.ts), with the real Monitor SDK against the local endpoint:
// the window asked for is whole minutes (start floored, end ceiled), an empty window asks nothing, and ARM's refusal
// is a failure that names what was being read.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DeploymentsClient } from '@azure/arm-resourcesdeployments';
import { ResourceManagementClient } from '@azure/arm-resources';
import { startArmSim, trustSimCa, type ArmSim } from '../../sim/index.js';
import { AzureMonitorMetrics } from '../../src/azure/metrics.js';
import { DeploymentFailure } from '../../src/engine/errors.js';
import { SystemClock } from '../../src/time/clock.js';

const SUB = '00000000-0000-0000-0000-0000000000b3';
const credential = { getToken: async () => ({ token: 't', expiresOnTimestamp: Date.now() + 3_600_000 }) };
const SITE = `/subscriptions/${SUB}/resourceGroups/rg-m/providers/Microsoft.Web/sites/site-m`;
const T = Date.UTC(2026, 2, 1, 10, 0, 0);

let sim: ArmSim;
let metrics: AzureMonitorMetrics;
beforeAll(async () => {
  sim = await startArmSim({ clock: new SystemClock(), throttleScale: Infinity, deploymentLatencyMs: 5 });
  trustSimCa(sim.ca);
  await new ResourceManagementClient(credential, SUB, { endpoint: sim.endpoint }).resourceGroups.createOrUpdate('rg-m', { location: 'eastus' });
  const template = {
    $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
    contentVersion: '1.0.0.0',
    resources: [
      { type: 'Microsoft.Web/serverfarms', apiVersion: '2023-12-01', name: 'plan-m', location: 'eastus', sku: { name: 'B1' } },
      { type: 'Microsoft.Web/sites', apiVersion: '2023-12-01', name: 'site-m', location: 'eastus', properties: { serverFarmId: "[resourceId('Microsoft.Web/serverfarms', 'plan-m')]" }, dependsOn: ["[resourceId('Microsoft.Web/serverfarms', 'plan-m')]"] },
    ],
  };
  await new DeploymentsClient(credential, SUB, { endpoint: sim.endpoint }).deployments.beginCreateOrUpdateAndWait('rg-m', 'site', { properties: { mode: 'Incremental', template } }, { updateIntervalInMs: 10 });
  metrics = new AzureMonitorMetrics({ credential, endpoint: sim.endpoint, subscription: SUB, clock: new SystemClock() });
});
afterAll(() => sim.stop());

const metricReads = (): URLSearchParams[] => sim.requests.filter((r) => r.path.endsWith('/providers/Microsoft.Insights/metrics') || r.path.toLowerCase().endsWith('/providers/microsoft.insights/metrics')).map((r) => new URL(r.url, 'https://x').searchParams);

describe('AzureMonitorMetrics.resourceTraffic', () => {
  it('asks for whole minutes around the window: start floored, end ceiled, Requests and Http5xx totals per minute', async () => {
    sim.requests.length = 0;
    const count = await metrics.resourceTraffic(SITE, T + 30_000, T + 70_000, new AbortController().signal);
    expect(count).toEqual({ requests: 0, errors: 0 });
    const [q] = metricReads();
    expect([q.get('timespan'), q.get('interval'), q.get('metricnames'), q.get('aggregation')]).toEqual(['2026-03-01T10:00:00.000Z/2026-03-01T10:02:00.000Z', 'PT1M', 'Requests,Http5xx', 'Total']);
  });

  it('a window inside no whole minute boundary still spans its minute; an empty one on a boundary asks nothing', async () => {
    sim.requests.length = 0;
    await metrics.resourceTraffic(SITE, T + 1, T + 2, new AbortController().signal);
    expect(metricReads().map((q) => q.get('timespan'))).toEqual(['2026-03-01T10:00:00.000Z/2026-03-01T10:01:00.000Z']);
    sim.requests.length = 0;
    expect(await metrics.resourceTraffic(SITE, T, T, new AbortController().signal)).toEqual({ requests: 0, errors: 0 });
    expect(await metrics.resourceTraffic(SITE, T + 60_000, T, new AbortController().signal)).toEqual({ requests: 0, errors: 0 });
    expect(metricReads()).toHaveLength(0);
  });

  it('a resource Azure Monitor does not know fails with ARM\'s code and what was read', async () => {
    const missing = `/subscriptions/${SUB}/resourceGroups/rg-m/providers/Microsoft.Web/sites/nope`;
    const failure = await metrics.resourceTraffic(missing, T, T + 60_000, new AbortController().signal).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(DeploymentFailure);
    expect([(failure as DeploymentFailure).code, (failure as DeploymentFailure).message]).toEqual(['ResourceNotFound', `reading the metrics of ${missing}: The Resource '${missing}' was not found.`]);
  });
});

describe('AzureMonitorMetrics.originTraffic', () => {
  const origin = { unit: 'u1', region: 'eastus', hostName: 'app.example.net' };
  it('asks nothing without a profile, without origins, or for an empty window', async () => {
    sim.requests.length = 0;
    const none = new AzureMonitorMetrics({ credential, endpoint: sim.endpoint, clock: new SystemClock(), profileId: async () => undefined });
    expect(await none.originTraffic([origin], T, T + 60_000, new AbortController().signal)).toEqual({ requests: 0, errors: 0 });
    const noProfile = new AzureMonitorMetrics({ credential, endpoint: sim.endpoint, clock: new SystemClock() });
    expect(await noProfile.originTraffic([origin], T, T + 60_000, new AbortController().signal)).toEqual({ requests: 0, errors: 0 });
    const withProfile = new AzureMonitorMetrics({ credential, endpoint: sim.endpoint, clock: new SystemClock(), profileId: async () => SITE });
    expect(await withProfile.originTraffic([], T, T + 60_000, new AbortController().signal)).toEqual({ requests: 0, errors: 0 });
    expect(await withProfile.originTraffic([origin], T, T, new AbortController().signal)).toEqual({ requests: 0, errors: 0 });
    expect(sim.requests).toHaveLength(0);
  });

  it('asks for OriginRequestCount split by origin and status group, and names Front Door when ARM refuses', async () => {
    const profile = `/subscriptions/${SUB}/resourceGroups/rg-m/providers/Microsoft.Cdn/profiles/none`;
    sim.requests.length = 0;
    const fd = new AzureMonitorMetrics({ credential, endpoint: sim.endpoint, clock: new SystemClock(), profileId: async () => profile });
    const failure = await fd.originTraffic([origin], T + 59_999, T + 60_001, new AbortController().signal).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(DeploymentFailure);
    expect([(failure as DeploymentFailure).code, (failure as DeploymentFailure).message]).toEqual(['ResourceNotFound', `reading Front Door metrics: The Resource '${profile}' was not found.`]);
    const [q] = metricReads();
    expect([q.get('timespan'), q.get('metricnames'), q.get('$filter'), q.get('interval'), q.get('aggregation')]).toEqual([
      '2026-03-01T10:00:00.000Z/2026-03-01T10:02:00.000Z',
      'OriginRequestCount',
      "Origin eq '*' and HttpStatusGroup eq '*'",
      'PT1M',
      'Total',
    ]);
  });
});
