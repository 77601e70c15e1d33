import { describe, expect, it } from '@jest/globals';
import { metricProbe } from '../../src/engine/metric-probe.js';
import type { ResourceMetrics, TrafficCount } from '../../src/engine/traffic.js';
import type { HealthCheck } from '../../src/plan/types.js';
import { VirtualClock } from '../../src/time/clock.js';
import { HEALTH, MIN } from './fakes.js';

const check: HealthCheck = { ...HEALTH, metric: { metric: 'errorRatio', maxErrorRatio: 0.05, windowMs: 5 * MIN, minRequests: 10, resource: '{outputs.siteId}/x/{outputs.slot-name}' } };
const outputs = { siteId: { type: 'String', value: '/subscriptions/s/sites/app' }, 'slot-name': { type: 'String', value: 'prod' } };
const signal = new AbortController().signal;

class Metrics implements ResourceMetrics {
  readonly asked: Array<[string, number, number]> = [];
  private readonly count: TrafficCount;
  private readonly clock?: VirtualClock;
  constructor(count: TrafficCount, clock?: VirtualClock) {
    this.count = count;
    this.clock = clock;
  }
  async resourceTraffic(resourceId: string, fromMs: number, toMs: number): Promise<TrafficCount> {
    this.asked.push([resourceId, fromMs, toMs]);
    this.clock?.advance(1_500);
    return this.count;
  }
}

describe('metricProbe', () => {
  it('reads the resource named by the outputs over the window ending now, and answers with the verdict', async () => {
    const clock = new VirtualClock(10 * MIN);
    const metrics = new Metrics({ requests: 100, errors: 1 }, clock);
    expect(await metricProbe(check, outputs, metrics, clock, signal)).toEqual({ healthy: true, latencyMs: 1_500, detail: 'errorRatio healthy: 5xx ratio 1.0% (1/100) over 5m, under 5.0%' });
    expect(metrics.asked).toEqual([['/subscriptions/s/sites/app/x/prod', 5 * MIN, 10 * MIN]]);
  });

  it('answers unhealthy for a bad ratio, and for too little traffic (never final here)', async () => {
    const clock = new VirtualClock(10 * MIN);
    expect(await metricProbe(check, outputs, new Metrics({ requests: 100, errors: 9 }), clock, signal)).toEqual({ healthy: false, latencyMs: 0, detail: 'errorRatio unhealthy: 5xx ratio 9.0% (9/100) over 5m is not under 5.0%' });
    expect(await metricProbe(check, outputs, new Metrics({ requests: 2, errors: 0 }), clock, signal)).toEqual({ healthy: false, latencyMs: 0, detail: 'errorRatio inconclusive: 2 request(s) over 5m, fewer than the 10 needed to judge' });
  });

  it('is unhealthy without a metrics adapter', async () => {
    expect(await metricProbe(check, outputs, undefined, new VirtualClock(), signal)).toEqual({ healthy: false, latencyMs: 0, detail: 'a metric health check needs Azure Monitor, and this run has no metrics adapter' });
  });

  it('names every output the resource needs and the stamp lacks (or has not as a string), asking nothing', async () => {
    const metrics = new Metrics({ requests: 100, errors: 0 });
    const answer = await metricProbe(check, { siteId: { type: 'Object', value: { id: 1 } } }, metrics, new VirtualClock(), signal);
    expect(answer).toEqual({ healthy: false, latencyMs: 0, detail: "the stamp has no output siteId, slot-name for the metric check's resource" });
    expect(metrics.asked).toEqual([]);
  });
});
