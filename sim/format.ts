import { createHash } from 'node:crypto';

/** ARM's durations are .NET TimeSpans rendered as ISO 8601 (`PT22.8356799S`, `P3DT0H0M0S`). */
export function isoDuration(ms: number): string {
  const total = Math.max(0, ms);
  const days = Math.floor(total / 86_400_000);
  let rest = total - days * 86_400_000;
  const h = Math.floor(rest / 3_600_000);
  rest -= h * 3_600_000;
  const m = Math.floor(rest / 60_000);
  rest -= m * 60_000;
  const s = (rest / 1000).toFixed(3).replace(/\.?0+$/, '');
  let out = 'P';
  if (days) out += `${days}D`;
  out += 'T';
  if (h) out += `${h}H`;
  if (m) out += `${m}M`;
  out += `${s}S`;
  return out;
}

export const isoTime = (ms: number): string => new Date(ms).toISOString();

/** ARM shows a decimal number as templateHash; ours is a stable hash of the template, not ARM's algorithm. */
export function templateHash(template: unknown): string {
  const digest = createHash('sha256').update(JSON.stringify(template ?? null)).digest();
  return digest.readBigUInt64BE(0).toString();
}

/** ARM's public type names of parameters and outputs: `String`, `SecureString`, `Int`, ... */
export function armTypeName(type: string): string {
  const t = type.toLowerCase();
  const names: Record<string, string> = {
    string: 'String',
    securestring: 'SecureString',
    int: 'Int',
    bool: 'Bool',
    object: 'Object',
    secureobject: 'SecureObject',
    array: 'Array',
  };
  return names[t] ?? type;
}

export const isSecureType = (type: string): boolean => /^secure(string|object)$/i.test(type);
