import { parseDuration } from './duration.js';

/**
 * The way people write durations in prose (`2 hours`, `2 h`, `90 minutes`, `1h 30m`, `2H`) mapped to the way the spec
 * takes them: the exact text to write instead, or undefined when the text is not such a duration.
 */
const UNIT_WORDS: Record<string, string> = {
  ms: 'ms', msec: 'ms', msecs: 'ms', millisecond: 'ms', milliseconds: 'ms',
  s: 's', sec: 's', secs: 's', second: 's', seconds: 's',
  m: 'm', min: 'm', mins: 'm', minute: 'm', minutes: 'm',
  h: 'h', hr: 'h', hrs: 'h', hour: 'h', hours: 'h',
  d: 'd', day: 'd', days: 'd',
  w: 'w', wk: 'w', wks: 'w', week: 'w', weeks: 'w',
};
const PART = /(\d+(?:\.\d+)?)\s*([a-z]+)/g;
const SEPARATORS = /^[\s,]*(?:and[\s,]*)?$/;

export function durationSuggestion(text: string): string | undefined {
  const value = text.trim().toLowerCase();
  let written = '';
  let at = 0;
  for (const match of value.matchAll(PART)) {
    const unit = UNIT_WORDS[match[2]];
    if (!unit || !SEPARATORS.test(value.slice(at, match.index))) return undefined;
    written += `${match[1]}${unit}`;
    at = match.index + match[0].length;
  }
  if (!written || !SEPARATORS.test(value.slice(at)) || written === text.trim()) return undefined;
  return parseDuration(written) === undefined ? undefined : written;
}

/** The hint for a duration that did not parse: the exact fix when there is one, else the general rule. */
export function durationHint(text: string, general: string): string {
  const fix = durationSuggestion(text);
  return fix ? `write ${fix}` : general;
}
