import { describe, expect, it } from '@jest/globals';
import { originName, parseOriginName } from '../../src/engine/traffic.js';

describe('origin names', () => {
  it('join unit and region with a dash', () => {
    expect(originName('blue', 'eastus')).toBe('blue-eastus');
  });

  it('split at the last dash, so a unit name may hold dashes but a region may not', () => {
    expect(parseOriginName('blue-eastus')).toEqual({ unit: 'blue', region: 'eastus' });
    expect(parseOriginName('u-2024-westus')).toEqual({ unit: 'u-2024', region: 'westus' });
    expect(parseOriginName('b-x')).toEqual({ unit: 'b', region: 'x' });
  });

  it('are not origin names without a unit before the dash', () => {
    expect(parseOriginName('eastus')).toBeUndefined();
    expect(parseOriginName('-eastus')).toBeUndefined();
  });
});
