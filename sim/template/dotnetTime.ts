/**
 * .NET date and time format strings, the ones utcNow() takes: the standard one-letter formats templates use and
 * the custom specifiers (yyyy, MM, dd, HH, mm, ss, f..., tt, quoted literals). Always UTC.
 */
const STANDARD: Record<string, string> = {
  d: 'M/d/yyyy',
  D: 'dddd, MMMM d, yyyy',
  g: 'M/d/yyyy h:mm tt',
  G: 'M/d/yyyy h:mm:ss tt',
  o: "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffff'Z'",
  O: "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffff'Z'",
  s: "yyyy'-'MM'-'dd'T'HH':'mm':'ss",
  t: 'h:mm tt',
  T: 'h:mm:ss tt',
  u: "yyyy'-'MM'-'dd HH':'mm':'ss'Z'",
};
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export function formatUtc(ms: number, format: string): string {
  const pattern = format.length === 1 ? STANDARD[format] : format;
  if (pattern === undefined) throw new Error(`'${format}' is not a standard date and time format`);
  const d = new Date(ms);
  const pad = (n: number, w: number): string => String(n).padStart(w, '0');
  const fraction = pad(d.getUTCMilliseconds(), 3) + '0000';
  const h12 = d.getUTCHours() % 12 === 0 ? 12 : d.getUTCHours() % 12;
  let out = '';
  for (let i = 0; i < pattern.length; ) {
    const c = pattern[i];
    if (c === "'" || c === '"') {
      const end = pattern.indexOf(c, i + 1);
      out += pattern.slice(i + 1, end < 0 ? undefined : end);
      i = end < 0 ? pattern.length : end + 1;
      continue;
    }
    if (c === '\\') {
      out += pattern[i + 1] ?? '';
      i += 2;
      continue;
    }
    let n = 1;
    while (pattern[i + n] === c) n++;
    i += n;
    switch (c) {
      case 'y':
        out += n <= 2 ? pad(d.getUTCFullYear() % 100, n) : pad(d.getUTCFullYear(), n);
        break;
      case 'M':
        out += n >= 4 ? MONTHS[d.getUTCMonth()] : n === 3 ? MONTHS[d.getUTCMonth()].slice(0, 3) : pad(d.getUTCMonth() + 1, n);
        break;
      case 'd':
        out += n >= 4 ? DAYS[d.getUTCDay()] : n === 3 ? DAYS[d.getUTCDay()].slice(0, 3) : pad(d.getUTCDate(), n);
        break;
      case 'H':
        out += pad(d.getUTCHours(), Math.min(n, 2));
        break;
      case 'h':
        out += pad(h12, Math.min(n, 2));
        break;
      case 'm':
        out += pad(d.getUTCMinutes(), Math.min(n, 2));
        break;
      case 's':
        out += pad(d.getUTCSeconds(), Math.min(n, 2));
        break;
      case 'f':
        out += fraction.slice(0, Math.min(n, 7));
        break;
      case 't':
        out += (d.getUTCHours() < 12 ? 'AM' : 'PM').slice(0, n === 1 ? 1 : 2);
        break;
      case 'K':
        out += 'Z';
        break;
      case 'z':
        out += n === 1 ? '+0' : n === 2 ? '+00' : '+00:00';
        break;
      default:
        out += c.repeat(n);
    }
  }
  return out;
}
