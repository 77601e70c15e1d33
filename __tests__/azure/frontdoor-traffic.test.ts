// The origin entries the Front Door traffic port deploys (src/azure/frontdoor-traffic.ts, originWeights): a unit's
// percent becomes Front Door weights (1-1000, never 0) split over its origins, a unit at 0 % keeps its origins
// disabled, and a host:port is split into host name and HTTPS port.
import { describe, expect, it } from '@jest/globals';
import { FrontDoorTraffic, originWeights } from '../../src/azure/frontdoor-traffic.js';
import { VirtualClock } from '../../src/time/clock.js';

const o = (unit: string, region: string, hostName: string) => ({ unit, region, hostName });

describe('originWeights', () => {
  it('gives each origin ten times its unit\'s percent, split evenly and rounded, enabled', () => {
    expect(originWeights([{ unit: 'u1', weight: 25, origins: [o('u1', 'eastus', 'a.net'), o('u1', 'westus', 'b.net')] }, { unit: 'u2', weight: 75, origins: [o('u2', 'eastus', 'c.net:8443')] }])).toEqual([
      { name: 'u1-eastus', hostName: 'a.net', httpsPort: 443, weight: 125, enabledState: 'Enabled' },
      { name: 'u1-westus', hostName: 'b.net', httpsPort: 443, weight: 125, enabledState: 'Enabled' },
      { name: 'u2-eastus', hostName: 'c.net', httpsPort: 8443, weight: 750, enabledState: 'Enabled' },
    ]);
  });

  it('keeps a unit at 0 % (or below) with weight 1, disabled', () => {
    expect(originWeights([{ unit: 'u1', weight: 0, origins: [o('u1', 'eastus', 'a.net')] }, { unit: 'u2', weight: -5, origins: [o('u2', 'eastus', 'b.net')] }]).map((x) => [x.weight, x.enabledState])).toEqual([
      [1, 'Disabled'],
      [1, 'Disabled'],
    ]);
  });

  it('clamps to Front Door\'s 1-1000 and rounds half up', () => {
    const many = Array.from({ length: 30 }, (_, i) => o('u1', `r${i}`, `h${i}.net`));
    // 1 % over 30 origins is 0.33: still 1. 100 % over one origin is 1000; more is capped.
    expect(originWeights([{ unit: 'u1', weight: 1, origins: many }])[0]).toMatchObject({ weight: 1, enabledState: 'Enabled' });
    expect(originWeights([{ unit: 'u1', weight: 100, origins: [o('u1', 'eastus', 'a.net')] }])[0].weight).toBe(1000);
    expect(originWeights([{ unit: 'u1', weight: 150, origins: [o('u1', 'eastus', 'a.net')] }])[0].weight).toBe(1000);
    // 0.05 % is 0.5: rounded up to 1, and enabled (above 0).
    expect(originWeights([{ unit: 'u1', weight: 0.05, origins: [o('u1', 'eastus', 'a.net')] }])[0]).toMatchObject({ weight: 1, enabledState: 'Enabled' });
    // 33.35 % over 2 origins is 166.75: 167.
    expect(originWeights([{ unit: 'u1', weight: 33.35, origins: [o('u1', 'a', 'a.net'), o('u1', 'b', 'b.net')] }]).map((x) => x.weight)).toEqual([167, 167]);
  });
});

describe('FrontDoorTraffic', () => {
  it('needs the plan\'s traffic stamp', () => {
    expect(() => new FrontDoorTraffic({ credential: { getToken: async () => null }, clock: new VirtualClock(0), spec: {} as never, plan: { releaseUnits: undefined } as never })).toThrow(
      'the plan has no traffic stamp (releaseUnits.traffic.component)',
    );
  });
});
