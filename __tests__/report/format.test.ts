import { fitTable, readableDuration } from '../../src/report/format.js';

describe('durations and tables as people read them', () => {
  it('prints durations as 1m6s, 4h or 250ms, never 4s999ms', () => {
    expect(readableDuration(66_000)).toBe('1m6s');
    expect(readableDuration(4 * 3_600_000)).toBe('4h');
    expect(readableDuration(4_999)).toBe('5s');
    expect(readableDuration(250)).toBe('250ms');
    expect(readableDuration(0)).toBe('0s');
    expect(readableDuration(3 * 3_600_000 + 59 * 60_000 + 59_600)).toBe('4h');
  });

  it('cuts the widest cells so a table fits the terminal, and leaves a table that fits alone', () => {
    const rows = [['app@eastus', 'deployed', 'x'.repeat(120)], ['global', 'skipped (unchanged)', 'short']];
    const fitted = fitTable(['stamp', 'status', 'why'], rows, 60);
    for (const line of fitted) expect(line.length).toBeLessThanOrEqual(60);
    expect(fitted[2]).toMatch(/^app@eastus  deployed {12} x+…$/);
    expect(fitted[3]).toContain('skipped (unchanged)');
    expect(fitTable(['stamp', 'status', 'why'], rows, undefined)[2]).toContain('x'.repeat(120));
  });
});
