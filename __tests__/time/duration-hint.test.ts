import { parseDuration } from '../../src/time/duration.js';
import { durationHint, durationSuggestion } from '../../src/time/duration-hint.js';

describe('a duration written in words gets the exact text to write', () => {
  it.each([
    ['2 hours', '2h'],
    ['2 h', '2h'],
    ['2hrs', '2h'],
    ['90 minutes', '90m'],
    ['1 day', '1d'],
    ['2 weeks', '2w'],
    ['1.5 hours', '1.5h'],
    ['1h 30m', '1h30m'],
    ['1 hour and 30 minutes', '1h30m'],
    ['1 min, 30 secs', '1m30s'],
    ['500 ms', '500ms'],
    ['4H', '4h'],
  ])('%s: write %s', (text, fix) => {
    expect(parseDuration(text)).toBeUndefined();
    expect(durationSuggestion(text)).toBe(fix);
    expect(parseDuration(fix)).toBeGreaterThan(0);
    expect(durationHint(text, 'the rule')).toBe(`write ${fix}`);
  });

  it.each(['forever', '2 fortnights', 'soon 2h', '2h later', 'hours', ''])('%j has no exact fix: the general rule', (text) => {
    expect(durationSuggestion(text)).toBeUndefined();
    expect(durationHint(text, 'the rule')).toBe('the rule');
  });

  it('takes 1d, 90s and PT24H as they are (nothing to suggest)', () => {
    for (const text of ['1d', '90s', '1h30m', 'PT24H']) {
      expect(parseDuration(text)).toBeGreaterThan(0);
      expect(durationSuggestion(text)).toBeUndefined();
    }
  });
});
