/** Durations as users write them: `90s`, `10m`, `4h`, `1d`, `500ms`, combinations like `1h30m`, or ISO 8601 (`PT24H`). */

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };
const SHORT = /^(?:(\d+(?:\.\d+)?)(ms|s|m|h|d|w))+$/;
const SHORT_PART = /(\d+(?:\.\d+)?)(ms|s|m|h|d|w)/g;
const ISO = /^P(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

export const DURATION_HINT = 'write a duration like 90s, 10m, 4h, 1d or ISO 8601 like PT24H';

/** Milliseconds, or undefined when the text is no duration. `0` is allowed (no bake). */
export function parseDuration(text: string): number | undefined {
  const value = text.trim();
  if (value === '0') return 0;
  if (SHORT.test(value)) {
    let total = 0;
    for (const [, amount, unit] of value.matchAll(SHORT_PART)) total += Number(amount) * UNIT_MS[unit];
    return Math.round(total);
  }
  const iso = ISO.exec(value.toUpperCase());
  if (iso && value.length > 1 && !value.toUpperCase().endsWith('T')) {
    const [, w, d, h, m, s] = iso.map((part) => (part === undefined ? 0 : Number(part)));
    if ([w, d, h, m, s].every((n) => n === 0) && !/\d/.test(value)) return undefined;
    return Math.round(w * UNIT_MS.w + d * UNIT_MS.d + h * UNIT_MS.h + m * UNIT_MS.m + s * UNIT_MS.s);
  }
  return undefined;
}

/** The shortest exact human form: 5400000 -> `1h30m`, 0 -> `0s`. */
export function formatDuration(ms: number): string {
  if (ms === 0) return '0s';
  const parts: string[] = [];
  let rest = ms;
  for (const unit of ['d', 'h', 'm', 's'] as const) {
    const size = UNIT_MS[unit];
    if (rest >= size) {
      parts.push(`${Math.floor(rest / size)}${unit}`);
      rest %= size;
    }
  }
  if (rest > 0) parts.push(`${rest}ms`);
  return parts.join('');
}
