import { rolloutCorrelationId } from '../../src/azure/pipeline.js';
import { UnitRehearsal } from './harness.js';

const SPEC = '__tests__/fixtures/release-units/in-place-metrics.yaml';

describe('metric health checks in an ordinary stage (Azure Monitor through @azure/arm-monitor)', () => {
  let r: UnitRehearsal;
  beforeAll(async () => {
    r = await new UnitRehearsal().start();
    r.onEvent = (e) => {
      // Users reach the site as soon as it exists, and keep coming through the redeploys (same host).
      if (e.type === 'stamp-deployed' && !r.load) r.load = r.sim.startLoad({ url: r.sim.apps()[0].url, ratePerMinute: 30 });
    };
  }, 60_000);
  afterAll(async () => {
    await r.stop();
  });

  it('passes once the site served enough requests with few 5xx', async () => {
    const before = r.sim.requests.length;
    const { result } = await r.run('1.0.0', { spec: SPEC });
    expect(result?.status).toBe('succeeded');
    // Azure Monitor's reads carry the rollout's correlation id, as its deployments do.
    const metricReads = r.sim.requests.slice(before).filter((q) => /insights\/metrics$/i.test(q.path));
    expect(metricReads.length).toBeGreaterThan(0);
    expect(metricReads.filter((q) => q.correlationId !== rolloutCorrelationId('metrics@1.0.0'))).toEqual([]);
    const stamp = result!.stages[0].stamps[0];
    expect(stamp.probe).toMatchObject({ healthy: true, phase: 'healthyFor' });
    expect(stamp.probe!.detail).toMatch(/errorRatio healthy: 5xx ratio 0\.00% \(0\/\d+\) over 5m/);
  }, 120_000);

  it('rolls the stage back when the new version fails a third of its users while /healthz would say ok', async () => {
    r.sim.setUserErrors([{ version: '2.0.0', ratio: 1 / 3 }]);
    const { result } = await r.run('2.0.0', { spec: SPEC });
    expect(result?.status).toBe('rolled-back');
    const stamp = result!.stages[0].stamps[0];
    expect(stamp.probe?.healthy).toBe(false);
    expect(stamp.probe!.detail).toMatch(/errorRatio unhealthy: 5xx ratio .* is not under 5\.0%/);
    expect(r.sim.apps()[0].version).toBe('1.0.0');
  }, 120_000);
});
