import { describe, expect, it } from '@jest/globals';
import { judgeMetric } from '../../src/engine/metric-analysis.js';
import type { MetricCheck } from '../../src/plan/release-units.js';

const errorRatio: MetricCheck = { metric: 'errorRatio', maxErrorRatio: 0.05, windowMs: 5 * 60_000, minRequests: 100 };
const noTraffic: MetricCheck = { metric: 'noTraffic', maxErrorRatio: 0, windowMs: 15 * 60_000, minRequests: 0 };

describe('judgeMetric: errorRatio', () => {
  it('is healthy under the ratio with enough requests, saying the ratio to one decimal', () => {
    expect(judgeMetric(errorRatio, { requests: 200, errors: 4 }, 1_000, false)).toEqual({
      metric: 'errorRatio',
      outcome: 'healthy',
      requests: 200,
      errors: 4,
      windowMs: 300_000,
      at: 1_000,
      detail: '5xx ratio 2.0% (4/200) over 5m, under 5.0%',
    });
  });

  it('is unhealthy at exactly the ratio (the ratio must be under it)', () => {
    expect(judgeMetric(errorRatio, { requests: 100, errors: 5 }, 7, false)).toEqual({
      metric: 'errorRatio',
      outcome: 'unhealthy',
      requests: 100,
      errors: 5,
      windowMs: 300_000,
      at: 7,
      detail: '5xx ratio 5.0% (5/100) over 5m is not under 5.0%',
    });
  });

  it('is healthy just under the ratio', () => {
    expect(judgeMetric(errorRatio, { requests: 1000, errors: 49 }, 0, true).outcome).toBe('healthy');
  });

  it('judges at exactly minRequests, and is inconclusive one request short until the window is final', () => {
    expect(judgeMetric(errorRatio, { requests: 100, errors: 0 }, 0, false)).toMatchObject({ outcome: 'healthy', detail: '5xx ratio 0.00% (0/100) over 5m, under 5.0%' });
    expect(judgeMetric(errorRatio, { requests: 99, errors: 0 }, 0, false)).toMatchObject({ outcome: 'inconclusive', detail: '99 request(s) over 5m, fewer than the 100 needed to judge' });
    expect(judgeMetric(errorRatio, { requests: 99, errors: 0 }, 0, true)).toMatchObject({ outcome: 'unhealthy', detail: '99 request(s) over 5m, fewer than the 100 needed to judge' });
  });

  it('does not call a high ratio unhealthy on too few requests', () => {
    expect(judgeMetric(errorRatio, { requests: 10, errors: 10 }, 0, false).outcome).toBe('inconclusive');
  });

  it('with no requests at all and minRequests 0, the ratio is 0 rather than NaN', () => {
    expect(judgeMetric({ ...errorRatio, minRequests: 0 }, { requests: 0, errors: 0 }, 0, true)).toMatchObject({ outcome: 'healthy', detail: '5xx ratio 0.00% (0/0) over 5m, under 5.0%' });
  });

  it('shows ratios under 1% with two decimals, from 1% with one, and windows not whole minutes in seconds', () => {
    const check = { ...errorRatio, maxErrorRatio: 0.005, windowMs: 90_000, minRequests: 1 };
    expect(judgeMetric(check, { requests: 1000, errors: 3 }, 0, false).detail).toBe('5xx ratio 0.30% (3/1000) over 90s, under 0.50%');
    expect(judgeMetric(check, { requests: 1000, errors: 10 }, 0, false).detail).toBe('5xx ratio 1.0% (10/1000) over 90s is not under 0.50%');
    expect(judgeMetric({ ...check, windowMs: 90_400 }, { requests: 1000, errors: 0 }, 0, false).detail).toBe('5xx ratio 0.00% (0/1000) over 90s, under 0.50%');
    expect(judgeMetric({ ...check, windowMs: 90_600 }, { requests: 1000, errors: 0 }, 0, false).detail).toBe('5xx ratio 0.00% (0/1000) over 91s, under 0.50%');
  });
});

describe('judgeMetric: noTraffic', () => {
  it('is healthy with no request', () => {
    expect(judgeMetric(noTraffic, { requests: 0, errors: 0 }, 42, false)).toEqual({
      metric: 'noTraffic',
      outcome: 'healthy',
      requests: 0,
      errors: 0,
      windowMs: 900_000,
      at: 42,
      detail: 'no request in the last 15m',
    });
  });

  it('waits while requests still arrive, and is unhealthy once final', () => {
    expect(judgeMetric(noTraffic, { requests: 1, errors: 0 }, 0, false)).toMatchObject({ outcome: 'inconclusive', detail: '1 request(s) in the last 15m; waiting for none' });
    expect(judgeMetric(noTraffic, { requests: 3, errors: 1 }, 0, true)).toMatchObject({ outcome: 'unhealthy', detail: '3 request(s) in the last 15m; waiting for none' });
  });
});
